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
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;
import net.razorvine.pickle.objects.ClassDictConstructor;
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

        /** Called by the unpickler (BUILD) with the instance's attributes. */
        public void __setstate__(HashMap<?, ?> state) {
            state.forEach((k, v) -> attributes.put(String.valueOf(k), v));
        }

        public Map<String, Object> attributes() {
            return attributes;
        }
    }

    static {
        // Pyrolite's registry is global; these names mean the same to any other user in this JVM.
        Unpickler.registerConstructor("collections", "OrderedDict", TorchStateDict::orderedDict);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchStateDict::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", TorchStateDict::rebuildParameter);
        for (StorageType t : StorageType.values()) {
            Unpickler.registerConstructor("torch", t.pythonName, t);
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
            Object root;
            try (InputStream in = zip.getInputStream(pkl)) {
                root = new StorageUnpickler(zip, prefix, order, file).load(in);
            } catch (EmotionArtException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new EmotionArtException("cannot unpickle " + pkl.getName() + " in " + file + ": " + e.getMessage()
                        + " (expected a PyTorch state_dict: an OrderedDict of parameter name -> tensor)", e);
            }
            return tensors(root, file);
        }
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
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof TorchTensor t)) {
                throw new EmotionArtException(file + " is not a state_dict: its entry " + pythonRepr(e.getKey())
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

    /** Loads storages from the archive when the pickle names them by persistent id. */
    private static final class StorageUnpickler extends Unpickler {
        private final ZipFile zip;
        private final String prefix;
        private final ByteOrder order;
        private final Path file;
        private final Map<String, Storage> loaded = new HashMap<>();

        StorageUnpickler(ZipFile zip, String prefix, ByteOrder order, Path file) {
            this.zip = zip;
            this.prefix = prefix;
            this.order = order;
            this.file = file;
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
                throw new EmotionArtException(file + ": unexpected persistent id " + pythonRepr(pid)
                        + " (expected ('storage', storage_type, key, location, numel))");
            }
            if (!(t[1] instanceof StorageType type)) {
                throw new EmotionArtException(file + ": unsupported tensor storage type " + globalName(t[1])
                        + " (supported: " + StorageType.supported() + ")");
            }
            String key = String.valueOf(t[2]);
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
            long expected = numel * type.bytes;
            if (numel < 0 || entry.getSize() != expected || expected > Integer.MAX_VALUE) {
                throw new EmotionArtException(file + ": storage " + name + " holds " + entry.getSize()
                        + " bytes, expected " + numel + " " + type.dtype + " values (" + expected + " bytes)");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes((int) expected);
                if (bytes.length != expected) {
                    throw new EmotionArtException(file + ": storage " + name + " is truncated");
                }
                return new Storage(type, key, numel, ByteBuffer.wrap(bytes).order(order));
            } catch (IOException e) {
                throw new EmotionArtException("cannot read " + name + " in " + file + ": " + e.getMessage(), e);
            }
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
    static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage storage)) {
            throw new PickleException("_rebuild_tensor_v2 expects (storage, offset, size, stride, ...), got "
                    + args.length + " arguments" + (args.length > 0 ? " starting with a " + pythonType(args[0]) : ""));
        }
        long offset = integer(args[1], "a tensor's storage offset");
        long[] size = integers(args[2], "a tensor's size");
        long[] stride = integers(args[3], "a tensor's stride");
        return tensor(storage, offset, size, stride);
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

    /** The dotted name of a pickled global that we did not register, e.g. {@code torch.HalfStorage}. */
    private static String globalName(Object o) {
        if (o instanceof ClassDictConstructor c) {
            return ((ClassDict) c.construct(new Object[0])).getClassName();
        }
        return pythonType(o);
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
        return o.getClass().getSimpleName();
    }

    private static String pythonRepr(Object o) {
        if (o instanceof String s) {
            return "'" + s + "'";
        }
        if (o instanceof Object[] items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(item instanceof String || item instanceof Object[] ? pythonRepr(item) : pythonType(item));
            }
            return "(" + String.join(", ", parts) + ")";
        }
        return pythonType(o);
    }
}
