package org.emotionart.data;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.io.input.BoundedInputStream;
import org.emotionart.EmotionArtException;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.Fingerprints;

/**
 * The preprocessing cache of one style at one size: every readable image of the style folder decoded,
 * centre-cropped and resized once ({@link ImageDecoder}), stored as uint8 RGB HWC so that training
 * never decodes a JPEG again. Reading maps the file into memory; an image is one bulk copy.
 *
 * <p><b>Where.</b> {@code <root>/.emotion-art-cache/<style>-<size>.bin} by default (a hidden folder,
 * so scanning ignores it); any other folder can be given.
 *
 * <p><b>When it is rebuilt.</b> {@link #load} compares the fingerprint stored in the header with one
 * computed from the style folder now: SHA-256 of the format and pipeline versions, the size, and the
 * sorted relative path, length and modification time of every image file. Adding, removing, replacing
 * or touching a file, or asking for another size, rebuilds; otherwise the file is used as it is.
 * A file whose content changed but kept its length and modification time is not noticed.
 *
 * <p><b>How it is built.</b> Images are decoded on all cores ({@link ParallelDecoder}), and results
 * are written strictly in source order, so the file is the same whatever the
 * thread count or timing. Broken files are skipped and listed in the cache. The file is written under
 * a temporary name in the cache folder and renamed over the old one when complete, so a reader never
 * sees half a cache and a crash leaves the old one in place. A progress bar shows rate and ETA.
 *
 * <p><b>Format</b> (big-endian). A 128-byte header: magic {@code EMOARTIC}, int format version,
 * int size, int image count, int broken count, int source count, int reserved, 32-byte fingerprint,
 * long metadata offset, long metadata length; then {@code count × size × size × 3} pixel bytes; then
 * the metadata: the style (modified UTF-8), the relative path of every image in order, and a path and
 * reason for every broken file.
 */
public final class StyleCache {
    /** Version of the file layout; bumped on any change, which makes old caches rebuild. */
    public static final int FORMAT_VERSION = 1;
    /** Name of the default cache folder inside the data root. */
    public static final String DEFAULT_DIR_NAME = ".emotion-art-cache";

    static final int HEADER_BYTES = 128;
    private static final byte[] MAGIC = "EMOARTIC".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_SEGMENT_BYTES = 1L << 30;
    /** The largest image side a cache file may claim (the commands allow up to 1024). */
    private static final int MAX_SIZE = 1 << 14;
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private final Path file;
    private final String style;
    private final int size;
    private final List<String> paths;
    private final List<BrokenImage> broken;
    private final int sourceCount;
    private final boolean rebuilt;
    private final MappedByteBuffer[] segments;
    private final int imagesPerSegment;

    private StyleCache(Path file, String style, int size, List<String> paths, List<BrokenImage> broken,
                       int sourceCount, boolean rebuilt, MappedByteBuffer[] segments, int imagesPerSegment) {
        this.file = file;
        this.style = style;
        this.size = size;
        this.paths = paths;
        this.broken = broken;
        this.sourceCount = sourceCount;
        this.rebuilt = rebuilt;
        this.segments = segments;
        this.imagesPerSegment = imagesPerSegment;
    }

    /** The default cache folder of a data root: {@code <root>/.emotion-art-cache}. */
    public static Path defaultDir(Path root) {
        return root.resolve(DEFAULT_DIR_NAME);
    }

    /** The cache file of a style at a size in a cache folder: {@code <dir>/<style>-<size>.bin}. */
    public static Path fileFor(Path cacheDir, String style, int size) {
        return cacheDir.resolve(style + "-" + size + ".bin");
    }

    /** {@link #load(WikiArtFolder, String, int, Path, boolean)} in the default folder, with a progress bar. */
    public static StyleCache load(Path root, String style, int size) {
        return load(WikiArtFolder.open(root), style, size, null, true);
    }

    /**
     * Opens the cache of {@code style} at {@code size}, first building it if it is missing, stale
     * (its sources or the size changed) or unreadable.
     *
     * @param cacheDir the cache folder, or null for {@link #defaultDir} of the data root
     * @param progress whether a build shows a progress bar on stderr
     * @throws EmotionArtException if the style has no folder, or the cache cannot be written
     */
    public static StyleCache load(WikiArtFolder data, String style, int size, Path cacheDir, boolean progress) {
        return load(data, style, size, cacheDir, progress, Runtime.getRuntime().availableProcessors());
    }

    static StyleCache load(WikiArtFolder data, String style, int size, Path cacheDir, boolean progress, int threads) {
        List<SourceImage> sources = data.images(style);
        Path file = fileFor(cacheDir == null ? defaultDir(data.root()) : cacheDir, style, size);
        byte[] fingerprint = fingerprint(sources, size);
        StyleCache cache = tryOpen(file, size, fingerprint, sources.size());
        return cache != null ? cache : build(sources, fingerprint, style, size, file, progress, threads);
    }

    /**
     * Decodes {@code sources} on {@code threads} threads and writes them, in order, as a cache file
     * (atomically), then opens it. {@link #load} calls this when needed; the data benchmark calls it
     * directly on a sample.
     */
    public static StyleCache build(List<SourceImage> sources, String style, int size, Path file,
                                   boolean progress, int threads) {
        return build(sources, fingerprint(sources, size), style, size, file, progress, threads);
    }

    private static StyleCache build(List<SourceImage> sources, byte[] fingerprint, String style, int size,
                                    Path file, boolean progress, int threads) {
        Path dir = file.toAbsolutePath().getParent();
        List<String> paths = new ArrayList<>(sources.size());
        List<BrokenImage> broken = new ArrayList<>();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTempFile(dir, "." + file.getFileName() + ".");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.position(HEADER_BYTES);
                ParallelDecoder.decodeInOrder(sources, size, threads, progress ? "cache " + style + " " + size + "px" : null,
                        (source, pixels, error) -> {
                            if (pixels != null) {
                                writeFully(out, ByteBuffer.wrap(pixels));
                                paths.add(source.path());
                            } else {
                                broken.add(new BrokenImage(source.path(), error));
                            }
                        });
                long metadataOffset = out.position();
                byte[] metadata = metadata(style, paths, broken);
                writeFully(out, ByteBuffer.wrap(metadata));
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                header.put(MAGIC).putInt(FORMAT_VERSION).putInt(size).putInt(paths.size()).putInt(broken.size())
                        .putInt(sources.size()).putInt(0).put(fingerprint)
                        .putLong(metadataOffset).putLong(metadata.length);
                header.clear();
                out.position(0);
                writeFully(out, header);
            }
            AtomicFiles.moveAtomically(tmp, file);
        } catch (IOException e) {
            throw new EmotionArtException("cannot write image cache " + file + ": " + reason(e)
                    + " (choose a writable cache folder)", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename already moved it, or it is a stray temporary file
                }
            }
        }
        StyleCache cache = tryOpen(file, size, fingerprint, sources.size());
        if (cache == null) {
            throw new EmotionArtException("image cache " + file + " was written but cannot be read back");
        }
        return new StyleCache(cache.file, cache.style, size, cache.paths, cache.broken, cache.sourceCount,
                true, cache.segments, cache.imagesPerSegment);
    }

    /** File system exceptions carry only the path as message; say what happened to it. */
    private static String reason(IOException e) {
        String what = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                : e instanceof NoSuchFileException ? "no such file or folder"
                : null; // other FileSystemExceptions say "path: reason" themselves
        return what == null ? e.getMessage() : what + ": " + e.getMessage();
    }

    /**
     * A temporary file readable by all (rw-r--r-- less the umask, like any file a program writes;
     * createTempFile's default rw------- would keep other users of a shared data root from the cache).
     */
    private static Path createTempFile(Path dir, String prefix) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * Opens an existing cache file without checking it against its sources.
     *
     * @throws EmotionArtException if it is missing or not a cache file of this format version
     */
    public static StyleCache open(Path file) {
        StyleCache cache = tryOpen(file, -1, null, -1);
        if (cache == null) {
            throw new EmotionArtException("not a readable image cache (format " + FORMAT_VERSION + "): " + file);
        }
        return cache;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static byte[] metadata(String style, List<String> paths, List<BrokenImage> broken) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(style);
        for (String p : paths) {
            out.writeUTF(p);
        }
        for (BrokenImage b : broken) {
            out.writeUTF(b.path());
            String reason = b.reason() == null ? "unreadable" : b.reason();
            out.writeUTF(reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * SHA-256 of the format and pipeline versions, the size and each source's relative path, length
     * and modification time, in order.
     */
    static byte[] fingerprint(List<SourceImage> sources, int size) {
        return Fingerprints.sha256(out -> {
            out.writeUTF("emotion-art image cache");
            out.writeInt(FORMAT_VERSION);
            out.writeInt(ImageDecoder.PIPELINE_VERSION);
            out.writeInt(size);
            out.writeInt(sources.size());
            for (SourceImage s : sources) {
                out.writeUTF(s.path());
                out.writeLong(s.length());
                out.writeLong(s.lastModifiedMillis());
            }
        });
    }

    /**
     * Opens a cache file if it is complete, of this format, and (when given) of this size, fingerprint
     * and number of sources; null if it is missing, stale or damaged (then it is rebuilt). Nothing in
     * the header is trusted before it agrees with the rest: the counts must add up to the sources, the
     * metadata must hold at least the bytes those counts need and be read to its exact end, and no
     * list is sized by a count before its entries have been read (a header claiming 2^31 - 1 broken
     * images made a 2^31-element list).
     *
     * @param expectedSources the number of source images, or -1 when unknown ({@link #open})
     */
    private static StyleCache tryOpen(Path file, int size, byte[] fingerprint, int expectedSources) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length < HEADER_BYTES) {
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
                // read the whole header
            }
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            int version = header.getInt();
            int cachedSize = header.getInt();
            int count = header.getInt();
            int brokenCount = header.getInt();
            int sourceCount = header.getInt();
            header.getInt();
            byte[] storedFingerprint = new byte[32];
            header.get(storedFingerprint);
            long metadataOffset = header.getLong();
            long metadataLength = header.getLong();
            if (!Arrays.equals(magic, MAGIC) || version != FORMAT_VERSION || cachedSize < 1 || cachedSize > MAX_SIZE
                    || count < 0 || brokenCount < 0 || (size > 0 && cachedSize != size)
                    || sourceCount != (long) count + brokenCount
                    || (expectedSources >= 0 && sourceCount != expectedSources)
                    || (fingerprint != null && !Arrays.equals(storedFingerprint, fingerprint))) {
                return null;
            }
            long bytesPerImage = 3L * cachedSize * cachedSize;
            // each string is written with a 2-byte length: the style, a path per image, path and reason per broken one
            long leastMetadata = 2 + 2L * count + 4L * brokenCount;
            if (metadataOffset != HEADER_BYTES + count * bytesPerImage || metadataLength < leastMetadata
                    || metadataLength > Integer.MAX_VALUE || metadataOffset + metadataLength != length) {
                return null;
            }
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                    BoundedInputStream.builder().setInputStream(java.nio.channels.Channels.newInputStream(
                            ch.position(metadataOffset))).setMaxCount(metadataLength).get()));
            String style = in.readUTF();
            List<String> paths = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                String path = in.readUTF();
                if (path.isEmpty()) {
                    return null; // zeros where paths should be
                }
                paths.add(path);
            }
            List<BrokenImage> broken = new ArrayList<>(Math.min(brokenCount, 1 << 16));
            for (int i = 0; i < brokenCount; i++) {
                String path = in.readUTF();
                if (path.isEmpty()) {
                    return null;
                }
                broken.add(new BrokenImage(path, in.readUTF()));
            }
            if (in.read() >= 0) {
                return null; // more metadata than the counts account for
            }
            int perSegment = (int) Math.max(1, MAX_SEGMENT_BYTES / bytesPerImage);
            MappedByteBuffer[] segments = new MappedByteBuffer[(count + perSegment - 1) / perSegment];
            for (int s = 0; s < segments.length; s++) {
                int first = s * perSegment;
                int images = Math.min(perSegment, count - first);
                segments[s] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES + first * bytesPerImage,
                        images * bytesPerImage);
            }
            return new StyleCache(file, style, cachedSize, List.copyOf(paths), List.copyOf(broken), sourceCount,
                    false, segments, perSegment);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // damaged or unreadable: rebuild (a write error then says what is wrong)
        }
    }


    /** The cache file. */
    public Path file() {
        return file;
    }

    /** The style folder this cache was made from. */
    public String style() {
        return style;
    }

    /** Image side in pixels. */
    public int size() {
        return size;
    }

    /** Number of readable images stored. */
    public int count() {
        return paths.size();
    }

    public int bytesPerImage() {
        return size * size * 3;
    }

    /** Relative paths of the stored images, in order (sorted by file name). */
    public List<String> paths() {
        return paths;
    }

    /** The files that could not be decoded, with reasons, in source order. */
    public List<BrokenImage> broken() {
        return broken;
    }

    /** Number of image files the cache was made from (stored plus broken). */
    public int sourceCount() {
        return sourceCount;
    }

    /** True when this call built the cache, false when it was up to date. */
    public boolean rebuilt() {
        return rebuilt;
    }

    /** Copies image {@code index} (uint8 RGB HWC) into {@code dst} at {@code offset}. Thread-safe. */
    public void copyImage(int index, byte[] dst, int offset) {
        Objects.checkIndex(index, paths.size());
        int bpi = bytesPerImage();
        segments[index / imagesPerSegment].get((index % imagesPerSegment) * bpi, dst, offset, bpi);
    }

    /**
     * All images in one array ({@code count × size × size × 3} bytes).
     *
     * @throws EmotionArtException if that is more than a Java array holds
     */
    public byte[] readAll() {
        long total = (long) count() * bytesPerImage();
        if (total > MAX_ARRAY_BYTES) {
            throw new EmotionArtException(tooLarge(count(), size));
        }
        byte[] pixels = new byte[(int) total];
        for (int i = 0, o = 0; i < count(); i++, o += bytesPerImage()) {
            copyImage(i, pixels, o);
        }
        return pixels;
    }

    static String tooLarge(long images, int size) {
        return String.format(java.util.Locale.ROOT, "%,d images at %dx%d need %.1f GB, more than one Java array "
                + "holds (2 GB): use fewer images or a smaller size", images, size, size,
                images * 3.0 * size * size / 1e9);
    }

    static int maxArrayBytes() {
        return MAX_ARRAY_BYTES;
    }
}
