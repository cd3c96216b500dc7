package org.emotionart.torch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;
import org.emotionart.EmotionArtException;

/**
 * Reads a PyTorch {@code state_dict} saved with {@code torch.save} in PyTorch's zip format (the
 * default since PyTorch 1.6): an archive holding {@code <prefix>/data.pkl} (the pickled
 * {@code OrderedDict} of parameter name → tensor), the raw tensor storages as
 * {@code <prefix>/data/<key>}, {@code <prefix>/version} and, in newer files, {@code <prefix>/byteorder}.
 *
 * <p>The pickle is read by Pyrolite ({@code net.razorvine:pickle}), which builds only the classes
 * it is told about, so a file cannot run code. We tell it the few that a state_dict uses:
 * {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} (and
 * {@code _rebuild_parameter}), the storage types ({@code torch.FloatStorage}, ...) and the
 * persistent ids {@code ('storage', storage_type, key, location, numel)} that point at the storages.
 * Tensors are read with their storage offset and strides, into C order.
 */
public final class TorchStateDict {

    /** The storage element types we read; anything else is refused with its name. */
    enum StorageType implements IObjectConstructor {
        FLOAT("FloatStorage", "float32", 4),
        DOUBLE("DoubleStorage", "float64", 8),
        LONG("LongStorage", "int64", 8),
        INT("IntStorage", "int32", 4);

        final String pythonName;
        final String dtype;
        final int bytes;

        StorageType(String pythonName, String dtype, int bytes) {
            this.pythonName = pythonName;
            this.dtype = dtype;
            this.bytes = bytes;
        }

        boolean floating() {
            return this == FLOAT || this == DOUBLE;
        }

        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + pythonName + " is only expected inside a storage's persistent id");
        }

        static String supported() {
            return Arrays.stream(values()).map(t -> "torch." + t.pythonName).collect(Collectors.joining(", "));
        }
    }

    /** A tensor storage as the persistent id names it, with its bytes from the archive. */
    record Storage(StorageType type, String key, long numel, ByteBuffer data) {
        double floatAt(long i) {
            int at = Math.toIntExact(i * type.bytes);
            return type == StorageType.FLOAT ? data.getFloat(at) : data.getDouble(at);
        }

        long longAt(long i) {
            int at = Math.toIntExact(i * type.bytes);
            return type == StorageType.LONG ? data.getLong(at) : data.getInt(at);
        }
    }

    /** Python's {@code collections.OrderedDict}; a state_dict keeps its {@code _metadata} as an attribute. */
    public static final class PyOrderedDict extends LinkedHashMap<Object, Object> {
        private final Map<String, Object> attributes = new HashMap<>();

        /** Called by the unpickler (BUILD) with the instance's attributes; only names (str) are kept. */
        public void __setstate__(HashMap<?, ?> state) {
            state.forEach((k, v) -> {
                if (k instanceof String name) {
                    attributes.put(name, v);
                }
            });
        }

        /** BUILD with the dict that our unpickler builds (Pyrolite looks the method up by exact type). */
        public void __setstate__(PyDict state) {
            __setstate__((HashMap<?, ?>) state);
        }

        @Override
        public boolean equals(Object o) {
            return this == o; // hashed by identity: a dict as a dict key must not hash its contents
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        public Map<String, Object> attributes() {
            return attributes;
        }
    }

    /** The most dimensions a tensor may have; a generator's weights have 4. */
    static final int MAX_RANK = 8;

    private TorchStateDict() {
    }

    /**
     * Reads {@code file}: parameter name → tensor, sorted by name with numbers in numeric order
     * ({@code gen.0.weight, gen.1.bias, ..., gen.12.weight}; the unpickler does not keep the pickle's order).
     */
    public static Map<String, TorchTensor> read(Path file) throws IOException {
        return read(file, Limits.DEFAULT);
    }

    /**
     * How much a file may make us read: the pickle's bytes and instructions, and the bytes of the
     * storages and of the tensors read from them (each counted apart). A hidden_dim-64 generator's
     * pickle is a few KB and runs a few thousand instructions; its storages hold about 14 MB.
     */
    record Limits(int pickleBytes, int instructions, long valueBytes) {
        static final Limits DEFAULT = new Limits(16 << 20, 2_000_000, 1L << 30);
    }

    static Map<String, TorchTensor> read(Path file, Limits limits) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new org.emotionart.BadPathException("no such file: " + file);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new EmotionArtException(file + " is not a PyTorch zip archive: expected a state_dict written by "
                    + "torch.save (PyTorch 1.6 or later; re-save older files with a newer PyTorch)");
        }
        try (zip) {
            String prefix = prefix(zip, file);
            ByteOrder order = byteOrder(zip, prefix, file);
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            byte[] pickle = readPickle(zip, pkl, file, limits);
            Object root;
            String expected = " (expected a PyTorch state_dict: an OrderedDict of parameter name -> tensor)";
            try {
                root = new StorageUnpickler(zip, prefix, order, file, pkl.getName(), limits).load(pickle);
            } catch (EmotionArtException e) {
                throw e;
            } catch (StackOverflowError e) {
                throw new EmotionArtException("cannot unpickle " + pkl.getName() + " in " + file
                        + ": its objects nest too deeply" + expected);
            } catch (PickleException | IOException e) {
                throw new EmotionArtException("cannot unpickle " + pkl.getName() + " in " + file + ": "
                        + oneLine(e.getMessage()) + expected, e);
            } catch (RuntimeException e) {
                // Pyrolite's own checks are casts and stack pops: their messages name Java classes
                throw new EmotionArtException("cannot unpickle " + pkl.getName() + " in " + file + ": the pickle is "
                        + "malformed (an instruction found no value, or the wrong kind of value, to work on)"
                        + expected, e);
            }
            return tensors(root, file);
        }
    }

    /** {@code data.pkl}'s bytes, refused past {@link Limits#pickleBytes()} however the entry is compressed. */
    private static byte[] readPickle(ZipFile zip, ZipEntry pkl, Path file, Limits limits) throws IOException {
        String tooLarge = file + ": " + pkl.getName() + " holds more than " + limits.pickleBytes() + " bytes; a "
                + "state_dict's pickle holds a few KB (its tensors' values are kept apart, in data/)";
        if (pkl.getSize() > limits.pickleBytes()) {
            throw new EmotionArtException(tooLarge);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(pkl)) {
            bytes = in.readNBytes(limits.pickleBytes() + 1); // grows with what is read, not with what is claimed
        } catch (IOException e) {
            throw new EmotionArtException("cannot read " + pkl.getName() + " in " + file + ": "
                    + oneLine(e.getMessage()), e);
        }
        if (bytes.length > limits.pickleBytes()) {
            throw new EmotionArtException(tooLarge);
        }
        return bytes;
    }

    /** The archive's folder name: the prefix of its single {@code <prefix>/data.pkl}. */
    private static String prefix(ZipFile zip, Path file) {
        List<String> pickles = zip.stream().map(ZipEntry::getName)
                .filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length())
                .toList();
        if (pickles.isEmpty()) {
            throw new EmotionArtException(file + " is a zip archive but not a torch.save file: no <name>/data.pkl in it "
                    + "(expected <name>/data.pkl, <name>/data/<storage>..., <name>/version)");
        }
        if (pickles.size() > 1) {
            throw new EmotionArtException(file + " holds several pickles (" + String.join(", ", pickles)
                    + "): expected one torch.save archive");
        }
        return pickles.get(0).substring(0, pickles.get(0).length() - "data.pkl".length());
    }

    private static ByteOrder byteOrder(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN; // files before PyTorch 1.11 are little-endian
        }
        String order;
        try (InputStream in = zip.getInputStream(entry)) {
            order = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
        }
        return switch (order) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new EmotionArtException(file + ": unknown byte order '" + order + "' in " + entry.getName()
                    + " (expected little or big)");
        };
    }

    private static Map<String, TorchTensor> tensors(Object root, Path file) {
        if (root instanceof ClassDict c) {
            throw new EmotionArtException(file + " holds a pickled " + c.getClassName() + ", not a state_dict: "
                    + "expected an OrderedDict of parameter name -> tensor (torch.save(model.state_dict(), ...))");
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new EmotionArtException(file + " holds a pickled " + pythonType(root) + ", not a state_dict: "
                    + "expected an OrderedDict of parameter name -> tensor");
        }
        if (map.isEmpty()) {
            throw new EmotionArtException(file + " holds an empty dict: expected a state_dict of parameter name -> tensor");
        }
        Map<String, TorchTensor> out = new TreeMap<>(TorchStateDict::compareNames);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new EmotionArtException(file + " is not a state_dict: one of its keys is a "
                        + pythonType(e.getKey()) + (e.getKey() instanceof Object[] ? " " + pythonRepr(e.getKey()) : "")
                        + "; expected parameter name (str) -> tensor");
            }
            if (!(e.getValue() instanceof TorchTensor t)) {
                throw new EmotionArtException(file + " is not a state_dict: its entry " + pythonRepr(key)
                        + " is a " + pythonType(e.getValue()) + "; expected parameter name (str) -> tensor");
            }
            out.put(key, t);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(out));
    }

    /** Dotted names, numeric parts compared as numbers: gen.3.weight before gen.12.weight. */
    static int compareNames(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].matches("\\d{1,18}");
            boolean ny = y[i].matches("\\d{1,18}");
            int c = nx && ny ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : nx != ny ? (nx ? -1 : 1) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    // ---------------------------------------------------------------- unpickling

    /**
     * Loads storages from the archive when the pickle names them by persistent id. On top of
     * Pyrolite it checks what a hostile pickle could abuse: it resolves only the globals a state_dict
     * uses, checks every length field against the bytes that follow before Pyrolite allocates for it,
     * bounds the instructions run and the values read, and builds lists, dicts and sets that hash by
     * identity (a list shared with itself 60 levels deep as a dict key would otherwise hash for ever).
     */
    private static final class StorageUnpickler extends Unpickler {
        private final ZipFile zip;
        private final String prefix;
        private final ByteOrder order;
        private final Path file;
        private final String pickleName;
        private final Limits limits;
        private final Map<String, Storage> loaded = new HashMap<>();
        private final Map<String, IObjectConstructor> globals = new HashMap<>();
        private PickleBytes bytes;
        private int instructions;
        private long storageBytes;
        private long tensorBytes;

        StorageUnpickler(ZipFile zip, String prefix, ByteOrder order, Path file, String pickleName, Limits limits) {
            this.zip = zip;
            this.prefix = prefix;
            this.order = order;
            this.file = file;
            this.pickleName = pickleName;
            this.limits = limits;
            globals.put("collections.OrderedDict", TorchStateDict::orderedDict);
            globals.put("torch._utils._rebuild_tensor_v2", this::rebuildTensor);
            globals.put("torch._utils._rebuild_parameter", TorchStateDict::rebuildParameter);
            for (StorageType t : StorageType.values()) {
                globals.put("torch." + t.pythonName, t);
            }
        }

        Object load(byte[] pickle) throws IOException {
            bytes = new PickleBytes(pickle);
            return load(bytes);
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (++instructions > limits.instructions()) {
                throw new EmotionArtException(file + ": " + pickleName + " runs more than " + limits.instructions()
                        + " pickle instructions; a state_dict's pickle runs a few thousand");
            }
            switch (key) {
                case 'c', 'i' -> { // GLOBAL, INST: module and name on two lines
                    String module = line();
                    String name = line();
                    IObjectConstructor constructor = global(module, name);
                    if (key == 'c') {
                        stack.add(constructor);
                    } else {
                        stack.add(constructor.construct(stack.pop_all_since_marker().toArray()));
                    }
                    return NO_RETURN_VALUE;
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = stack.pop();
                    Object module = stack.pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw new PickleException("a global's module and name must be strings, got "
                                + pythonType(module) + " and " + pythonType(name));
                    }
                    stack.add(global(m, n));
                    return NO_RETURN_VALUE;
                }
                case 'T' -> checkLength(4, "a string"); // BINSTRING
                case 'X' -> checkLength(4, "a string"); // BINUNICODE
                case 0x8d -> checkLength(8, "a string"); // BINUNICODE8
                case 'B' -> checkLength(4, "a bytes value"); // BINBYTES
                case 0x8e, 0x96 -> checkLength(8, "a bytes value"); // BINBYTES8, BYTEARRAY8
                case 0x8b -> checkLength(4, "an int"); // LONG4
                case 'L' -> { // LONG: decimal digits on a line, parsed in quadratic time
                    if (lineLength() > 40) {
                        throw new PickleException("an int of " + lineLength() + " digits at byte " + bytes.position()
                                + " (a state_dict's ints have at most 20)");
                    }
                }
                case ']' -> { // EMPTY_LIST
                    stack.add(new PyList());
                    return NO_RETURN_VALUE;
                }
                case 'l' -> { // LIST
                    stack.add(new PyList(stack.pop_all_since_marker()));
                    return NO_RETURN_VALUE;
                }
                case '}' -> { // EMPTY_DICT
                    stack.add(new PyDict());
                    return NO_RETURN_VALUE;
                }
                case 'd' -> { // DICT
                    List<Object> items = stack.pop_all_since_marker();
                    PyDict dict = new PyDict();
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        dict.put(items.get(i), items.get(i + 1));
                    }
                    stack.add(dict);
                    return NO_RETURN_VALUE;
                }
                case 0x8f -> { // EMPTY_SET
                    stack.add(new PySet());
                    return NO_RETURN_VALUE;
                }
                case 0x91 -> { // FROZENSET
                    PySet set = new PySet();
                    set.addAll(stack.pop_all_since_marker());
                    stack.add(set);
                    return NO_RETURN_VALUE;
                }
                default -> {
                }
            }
            return super.dispatch(key);
        }

        /** The constructor of a global the pickle names; refused unless a state_dict uses it. */
        private IObjectConstructor global(String module, String name) {
            String dotted = module + "." + name;
            IObjectConstructor constructor = globals.get(dotted);
            if (constructor != null) {
                return constructor;
            }
            if (module.equals("torch") && name.endsWith("Storage")) {
                throw new EmotionArtException(file + ": unsupported tensor storage type " + displayName(dotted)
                        + " (supported: " + StorageType.supported() + ")");
            }
            throw new EmotionArtException(file + " is not a PyTorch state_dict this program reads: it refers to "
                    + displayName(dotted) + ", which a state_dict never does (its pickle names only "
                    + "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter "
                    + "and the storage types " + StorageType.supported() + ")");
        }

        /** The next line of the pickle, consumed without its newline. */
        private String line() throws IOException {
            int length = lineLength();
            if (length < 0) {
                throw new IOException("premature end of file: a line with no newline at byte " + bytes.position());
            }
            String line = new String(bytes.readNBytes(length), StandardCharsets.UTF_8);
            bytes.read();
            return line;
        }

        /** The length of the line from the current position, without its newline; -1 if none ends it. */
        private int lineLength() {
            for (int i = bytes.position(); i < bytes.count(); i++) {
                if (bytes.at(i) == '\n') {
                    return i - bytes.position();
                }
            }
            return -1;
        }

        /**
         * Refuses a length field (the next {@code size} bytes, little-endian) that claims more bytes
         * than follow it, before Pyrolite allocates an array of that length.
         */
        private void checkLength(int size, String what) {
            int at = bytes.position();
            if (bytes.count() - at < size) {
                return; // Pyrolite reports the cut-short field itself
            }
            long length = 0;
            for (int i = size - 1; i >= 0; i--) {
                length = (length << 8) | bytes.at(at + i);
            }
            long left = bytes.count() - at - size;
            if (length < 0 || length > left) {
                throw new PickleException(what + " at byte " + at + " claims " + Long.toUnsignedString(length)
                        + " bytes but only " + left + " follow (the pickle is cut short or corrupt)");
            }
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
                throw new EmotionArtException(file + ": unexpected persistent id " + pythonRepr(pid)
                        + " (expected ('storage', storage_type, key, location, numel))");
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new EmotionArtException(file + ": unsupported tensor storage type " + pythonType(t[1])
                        + " (supported: " + StorageType.supported() + ")");
            }
            if (!(t[2] instanceof String key) || !key.matches("[A-Za-z0-9_]{1,64}")) {
                throw new EmotionArtException(file + ": storage key " + pythonRepr(t[2]) + " is not the name of an "
                        + "entry in data/ (expected up to 64 letters, digits or _, e.g. '0')");
            }
            long numel = integer(t[4], "a storage's numel");
            Storage storage = loaded.get(key);
            if (storage == null) {
                storage = load(type, key, numel);
                loaded.put(key, storage);
            } else if (storage.type() != type || storage.numel() != numel) {
                throw new EmotionArtException(file + ": storage " + key + " is named twice with different types or sizes");
            }
            return storage;
        }

        private Storage load(StorageType type, String key, long numel) {
            String name = prefix + "data/" + key;
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new EmotionArtException(file + ": the pickle names storage " + key + " but the archive has no "
                        + name);
            }
            if (numel < 0 || numel > (limits.valueBytes() - storageBytes) / type.bytes) {
                throw new EmotionArtException(file + ": storage " + name + " claims " + numel + " " + type.dtype
                        + " values; import-torch reads at most " + limits.valueBytes() + " bytes of storages in all "
                        + "(a generator's weights are tens of MB)");
            }
            long expected = numel * type.bytes;
            if (entry.getSize() != expected) {
                throw new EmotionArtException(file + ": storage " + name + " holds " + entry.getSize()
                        + " bytes, expected " + numel + " " + type.dtype + " values (" + expected + " bytes)");
            }
            storageBytes += expected;
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] data = new byte[(int) expected];
                int read = in.readNBytes(data, 0, data.length);
                if (read != expected) {
                    throw new EmotionArtException(file + ": storage " + name + " is truncated: it holds " + read
                            + " bytes, expected " + expected);
                }
                if (in.read() != -1) { // a deflated entry may inflate past the size its header gives
                    throw new EmotionArtException(file + ": storage " + name + " holds more than the " + expected
                            + " bytes its entry declares");
                }
                return new Storage(type, key, numel, ByteBuffer.wrap(data).order(order));
            } catch (IOException e) {
                throw new EmotionArtException("cannot read " + name + " in " + file + ": " + oneLine(e.getMessage()), e);
            }
        }

        /** {@link TorchStateDict#rebuildTensor}, counting the bytes of the tensors read against the limit. */
        private Object rebuildTensor(Object[] args) {
            return TorchStateDict.rebuildTensor(args, bytes -> {
                tensorBytes += bytes;
                if (tensorBytes > limits.valueBytes()) {
                    throw new EmotionArtException(file + ": its tensors hold more than " + limits.valueBytes()
                            + " bytes of values in all (a generator's weights are tens of MB)");
                }
            });
        }
    }

    /** The pickle's bytes, with the position visible to the length checks. */
    private static final class PickleBytes extends java.io.ByteArrayInputStream {
        PickleBytes(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }

        int count() {
            return count;
        }

        int at(int i) {
            return buf[i] & 0xff;
        }
    }

    /** A pickled list; hashed by identity, as Python refuses to hash lists at all. */
    static final class PyList extends ArrayList<Object> {
        PyList() {
        }

        PyList(List<Object> items) {
            super(items);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A pickled dict; hashed by identity, as Python refuses to hash dicts at all. */
    static final class PyDict extends HashMap<Object, Object> {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A pickled set or frozenset; hashed by identity. */
    static final class PySet extends java.util.HashSet<Object> {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static Object orderedDict(Object[] args) {
        PyOrderedDict dict = new PyOrderedDict();
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
            for (Object p : pairs) {
                if (p instanceof Object[] kv && kv.length == 2) {
                    dict.put(kv[0], kv[1]);
                } else {
                    throw new PickleException("OrderedDict expects (key, value) pairs, got " + pythonType(p));
                }
            }
        } else if (args.length > 0) {
            throw new PickleException("OrderedDict expects no arguments or a list of pairs, got " + args.length);
        }
        return dict;
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    static Object rebuildTensor(Object[] args, LongConsumer reserve) {
        if (args.length < 4 || !(args[0] instanceof Storage storage)) {
            throw new PickleException("_rebuild_tensor_v2 expects (storage, offset, size, stride, ...), got "
                    + args.length + " arguments" + (args.length > 0 ? " starting with a " + pythonType(args[0]) : ""));
        }
        long offset = integer(args[1], "a tensor's storage offset");
        long[] size = integers(args[2], "a tensor's size");
        long[] stride = integers(args[3], "a tensor's stride");
        return tensor(storage, offset, size, stride, reserve);
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks)}: the parameter's tensor. */
    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TorchTensor t)) {
            throw new PickleException("_rebuild_parameter expects a tensor first");
        }
        return t;
    }

    /**
     * The tensor viewed from {@code storage} at {@code offset} with {@code size} and {@code stride}
     * (in elements), copied into C order. The view must lie inside the storage.
     */
    static TorchTensor tensor(Storage storage, long offset, long[] size, long[] stride) {
        return tensor(storage, offset, size, stride, bytes -> { });
    }

    /** As above; {@code reserve} is told the bytes of the values before they are allocated, and may refuse them. */
    static TorchTensor tensor(Storage storage, long offset, long[] size, long[] stride, LongConsumer reserve) {
        if (size.length > MAX_RANK || stride.length > MAX_RANK) {
            throw new PickleException("malformed tensor with " + Math.max(size.length, stride.length)
                    + " dimensions in storage " + storage.key() + ": at most " + MAX_RANK
                    + " are allowed (a generator's weights have 4)");
        }
        String where = "tensor of size " + Arrays.toString(size) + ", stride " + Arrays.toString(stride)
                + " at offset " + offset + " in storage " + storage.key() + " of " + storage.numel() + " values";
        if (size.length != stride.length) {
            throw new PickleException("malformed " + where + ": size and stride differ in length");
        }
        long numel = 1;
        long last = offset;
        try {
            for (int d = 0; d < size.length; d++) {
                if (size[d] < 0 || stride[d] < 0) {
                    throw new PickleException("malformed " + where + ": negative size or stride");
                }
                numel = Math.multiplyExact(numel, size[d]);
                if (size[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
                }
            }
        } catch (ArithmeticException e) {
            throw new PickleException("malformed " + where + ": its size or stride is too large to address");
        }
        if (numel > 0 && (offset < 0 || last >= storage.numel())) {
            throw new PickleException("malformed " + where + ": it reaches past the storage's end");
        }
        if (numel > storage.numel()) {
            // a stride of 0 repeats values: a state_dict's tensors never hold more values than their storage
            throw new PickleException("malformed " + where + ": it claims " + numel + " values, more than its storage "
                    + "holds (a saved parameter has at most as many values as its storage)");
        }
        reserve.accept(numel * (storage.type().floating() ? Float.BYTES : Long.BYTES));
        long[] index = new long[size.length];
        if (storage.type().floating()) {
            float[] values = new float[(int) numel];
            long at = offset;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) storage.floatAt(at);
                at = next(index, size, stride, at);
            }
            return TorchTensor.ofFloats(storage.type().dtype, size, values);
        }
        long[] values = new long[(int) numel];
        long at = offset;
        for (int i = 0; i < values.length; i++) {
            values[i] = storage.longAt(at);
            at = next(index, size, stride, at);
        }
        return TorchTensor.ofLongs(storage.type().dtype, size, values);
    }

    /** Advances the C-order multi-index and returns the storage position of the next element. */
    private static long next(long[] index, long[] size, long[] stride, long at) {
        for (int d = index.length - 1; d >= 0; d--) {
            index[d]++;
            at += stride[d];
            if (index[d] < size[d]) {
                return at;
            }
            at -= index[d] * stride[d];
            index[d] = 0;
        }
        return at;
    }

    // ---------------------------------------------------------------- helpers

    private static long integer(Object o, String what) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw new PickleException(what + " must be an int, got " + pythonType(o));
    }

    private static long[] integers(Object o, String what) {
        if (!(o instanceof Object[] items)) {
            throw new PickleException(what + " must be a tuple of ints, got " + pythonType(o));
        }
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = integer(items[i], what);
        }
        return out;
    }

    static String pythonType(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof TorchTensor) {
            return "tensor";
        }
        if (o instanceof ClassDict c) {
            return c.getClassName() + " object";
        }
        if (o instanceof Map<?, ?>) {
            return "dict";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        if (o instanceof java.util.Set<?>) {
            return "set";
        }
        if (o instanceof Storage) {
            return "storage";
        }
        if (o instanceof IObjectConstructor) {
            return "class or function";
        }
        return "object";
    }

    /** The most characters of a pickled value shown in a message, and the most tuple levels. */
    private static final int MAX_REPR = 200;
    private static final int MAX_REPR_DEPTH = 4;

    /**
     * A Python-like repr of a pickled key or id for a one-line message: strings quoted with control
     * characters escaped, tuples shown {@value #MAX_REPR_DEPTH} levels deep, about {@value #MAX_REPR}
     * characters at most, however large or deep (or shared) the value is.
     */
    static String pythonRepr(Object o) {
        StringBuilder b = new StringBuilder();
        repr(o, 0, b);
        return b.length() > MAX_REPR ? b.substring(0, MAX_REPR) + "..." : b.toString();
    }

    private static void repr(Object o, int depth, StringBuilder b) {
        if (b.length() > MAX_REPR) {
            return;
        }
        if (o instanceof String s) {
            quote(s, b);
        } else if (o instanceof Object[] items) {
            if (depth >= MAX_REPR_DEPTH) {
                b.append("(...)");
                return;
            }
            b.append('(');
            for (int i = 0; i < items.length && b.length() <= MAX_REPR; i++) {
                b.append(i > 0 ? ", " : "");
                repr(items[i], depth + 1, b);
            }
            b.append(')');
        } else {
            b.append(pythonType(o));
        }
    }

    /** {@code s} in single quotes, backslash, quote and control characters escaped, cut past {@link #MAX_REPR}. */
    private static void quote(String s, StringBuilder b) {
        b.append('\'');
        for (int i = 0; i < s.length() && b.length() <= MAX_REPR; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || c == '\u2028' || c == '\u2029') {
                        b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('\'');
    }

    /**
     * A parameter name for a message: as it is when it is a plain dotted name, else quoted with its
     * control characters escaped (a name with a newline must not make a one-line error look like two).
     */
    public static String displayKey(String key) {
        return key.matches("[A-Za-z0-9_.\\-]{1,200}") ? key : pythonRepr(key);
    }

    /** A pickled global's dotted name for a message, e.g. {@code os.system}; quoted when unusual. */
    private static String displayName(String dotted) {
        return dotted.matches("[A-Za-z0-9_.]{1,200}") ? dotted : pythonRepr(dotted);
    }

    /** A library's message on one line: control characters as spaces, at most about 300 characters. */
    private static String oneLine(String message) {
        String m = String.valueOf(message).replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
