package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.emotionart.TestData;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StyleCacheTest {
    @TempDir
    Path root;

    private Path style;

    @BeforeEach
    void makeStyleFolder() throws Exception {
        style = root.resolve("landscape");
        TestImages.resource("cmyk-red.jpg", style.resolve("a+cmyk.jpg"));
        TestImages.solidJpeg(style.resolve("b+green.JPG"), 40, 30, Color.GREEN);
        BufferedImage gray = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 3, 0, 90);
        TestImages.png(style.resolve("c+gray.png"), gray);
        TestImages.truncatedCopy(TestImages.solidJpeg(root.resolve("whole.jpg"), 200, 200, Color.BLUE),
                style.resolve("d+truncated.jpg"));
        Files.writeString(style.resolve("e+not-an-image.jpg"), "<html>404</html>");
        TestImages.png(style.resolve("f+blue.png"), TestImages.bands(30, 50, Color.BLUE));
    }

    private StyleCache load(int size) {
        return StyleCache.load(WikiArtFolder.open(root), "landscape", size, null, false);
    }

    @Test
    void storesReadableImagesInOrderAndListsBrokenOnes() throws Exception {
        StyleCache cache = load(16);
        assertTrue(cache.rebuilt());
        assertEquals(root.resolve(".emotion-art-cache/landscape-16.bin"), cache.file());
        assertEquals("landscape", cache.style());
        assertEquals(List.of("landscape/a+cmyk.jpg", "landscape/b+green.JPG", "landscape/c+gray.png",
                "landscape/f+blue.png"), cache.paths());
        assertEquals(6, cache.sourceCount());
        assertEquals(List.of("landscape/d+truncated.jpg", "landscape/e+not-an-image.jpg"),
                cache.broken().stream().map(BrokenImage::path).toList());
        assertTrue(cache.broken().get(0).reason().startsWith("truncated"), cache.broken().get(0).reason());

        byte[] all = cache.readAll();
        assertEquals(4 * 16 * 16 * 3, all.length);
        for (int i = 0; i < cache.count(); i++) {
            byte[] expected = ImageDecoder.decode(root.resolve(cache.paths().get(i)), 16);
            byte[] actual = new byte[cache.bytesPerImage()];
            cache.copyImage(i, actual, 0);
            assertArrayEquals(expected, actual, cache.paths().get(i));
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(all, i * 768, (i + 1) * 768));
        }
        int[] red = TestImages.rgbAt(all, 16, 5, 5);
        assertTrue(red[0] > 200 && red[1] < 50 && red[2] < 50, "CMYK image is red in the cache");
    }

    @Test
    void unchangedSourcesAreNotRebuilt() throws Exception {
        StyleCache first = load(16);
        FileTime written = Files.getLastModifiedTime(first.file());
        Files.setLastModifiedTime(first.file(), FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime marked = Files.getLastModifiedTime(first.file());

        StyleCache second = load(16);
        assertFalse(second.rebuilt());
        assertEquals(marked, Files.getLastModifiedTime(second.file()), "the cache file was not rewritten");
        assertEquals(first.paths(), second.paths());
        assertEquals(first.broken(), second.broken());
        assertArrayEquals(first.readAll(), second.readAll());
    }

    @Test
    void touchingReplacingAddingOrRemovingASourceRebuilds() throws Exception {
        load(16);
        Path green = style.resolve("b+green.JPG");
        Files.setLastModifiedTime(green, FileTime.fromMillis(Files.getLastModifiedTime(green).toMillis() + 5_000));
        assertTrue(load(16).rebuilt(), "touched");
        assertFalse(load(16).rebuilt());

        TestImages.solidJpeg(green, 40, 30, Color.RED); // replaced: new length and time
        Files.setLastModifiedTime(green, FileTime.fromMillis(Files.getLastModifiedTime(green).toMillis() + 10_000));
        StyleCache replaced = load(16);
        assertTrue(replaced.rebuilt(), "replaced");
        int[] now = TestImages.rgbAt(replaced.readAll(), 16, 8, 8 + 16); // image 1, row 8
        assertTrue(now[0] > 200 && now[1] < 60, "the new content is in the cache");

        TestImages.solidJpeg(style.resolve("g+new.jpg"), 20, 20, Color.WHITE);
        StyleCache added = load(16);
        assertTrue(added.rebuilt(), "added");
        assertEquals(5, added.count());

        Files.delete(style.resolve("a+cmyk.jpg"));
        StyleCache removed = load(16);
        assertTrue(removed.rebuilt(), "removed");
        assertEquals(4, removed.count());
    }

    @Test
    void anotherSizeHasItsOwnCache() {
        StyleCache small = load(16);
        StyleCache large = load(24);
        assertTrue(large.rebuilt());
        assertEquals(24, large.size());
        assertEquals(root.resolve(".emotion-art-cache/landscape-24.bin"), large.file());
        assertEquals(24 * 24 * 3 * 4, large.readAll().length);
        assertFalse(load(16).rebuilt());
        assertFalse(load(24).rebuilt());
        assertEquals(small.paths(), large.paths());
    }

    @Test
    void aCacheFileOfAnotherSizeOrSourcesIsRebuiltInPlace() throws Exception {
        // someone copies a 24px cache over the 16px one: the header says so and it is rebuilt
        Path f16 = load(16).file();
        Files.copy(load(24).file(), f16, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StyleCache again = load(16);
        assertTrue(again.rebuilt());
        assertEquals(16, again.size());
    }

    @Test
    void damagedCacheIsRebuilt() throws Exception {
        Path file = load(16).file();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertTrue(load(16).rebuilt(), "truncated cache");
        Files.writeString(file, "garbage");
        assertTrue(load(16).rebuilt(), "garbage cache");
        assertFalse(load(16).rebuilt());
    }

    /** Writes {@code value} at {@code offset} of the cache's header, leaving its fingerprint valid. */
    private static void patchHeader(Path file, int offset, long value, boolean isLong) throws Exception {
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            if (isLong) {
                raf.writeLong(value);
            } else {
                raf.writeInt((int) value);
            }
        }
    }

    @Test
    void aHeaderWhoseCountsDisagreeWithTheFileIsRebuiltNotTrusted() throws Exception {
        Path file = load(16).file();
        byte[] good = Files.readAllBytes(file);
        // offsets: count 16, broken 20, sources 24, metadata offset 64, metadata length 72
        for (int offset : new int[] {16, 20, 24}) {
            for (long claim : new long[] {Integer.MAX_VALUE, 3, 0}) {
                Files.write(file, good);
                patchHeader(file, offset, claim, false);
                long t0 = System.nanoTime();
                StyleCache cache = load(16);
                assertTrue(cache.rebuilt(), "offset " + offset + " claims " + claim);
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
                assertEquals(4, cache.count());
                assertEquals(2, cache.broken().size());
            }
        }
        // counts that add up, metadata that does not hold them: 2^31 - 2 broken, 1 path less, a sparse tail
        Files.write(file, good);
        patchHeader(file, 20, Integer.MAX_VALUE - 2, false);
        patchHeader(file, 24, Integer.MAX_VALUE + 2L, false);
        assertTrue(load(16).rebuilt());
        Files.write(file, good);
        long metadataOffset = java.nio.ByteBuffer.wrap(good, 64, 8).getLong();
        TestData.sparse(file, metadataOffset + Integer.MAX_VALUE - 1);
        patchHeader(file, 72, Integer.MAX_VALUE - 1, true);
        long t0 = System.nanoTime();
        assertTrue(load(16).rebuilt(), "metadata longer than its counts need");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "without reading 2 GB of metadata");
        assertFalse(load(16).rebuilt());
    }

    @Test
    void outputDoesNotDependOnTheNumberOfThreads() throws Exception {
        WikiArtFolder data = WikiArtFolder.open(root);
        for (int i = 0; i < 20; i++) {
            TestImages.solidJpeg(style.resolve("z" + i + ".jpg"), 30 + i, 20 + i, new Color(i * 10, 255 - i * 10, 7));
        }
        Path one = StyleCache.load(data, "landscape", 16, root.resolve("one"), false, 1).file();
        Path four = StyleCache.load(data, "landscape", 16, root.resolve("four"), false, 4).file();
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(four));
    }

    @Test
    void cacheFolderCanBeChosenAndLeavesNoTemporaryFiles() throws Exception {
        Path elsewhere = root.resolve("elsewhere/caches");
        StyleCache cache = StyleCache.load(WikiArtFolder.open(root), "landscape", 16, elsewhere, false);
        assertEquals(elsewhere.resolve("landscape-16.bin"), cache.file());
        assertFalse(Files.exists(root.resolve(".emotion-art-cache")));
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(List.of(cache.file()), files.toList());
        }
        StyleCache reopened = StyleCache.open(cache.file());
        assertEquals(cache.paths(), reopened.paths());
        assertEquals(cache.broken(), reopened.broken());
    }

    @Test
    void cacheFileIsReadableByOtherUsersOfTheDataRoot() throws Exception {
        Path file = load(16).file();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // as readable by others as any file written normally under this umask (not rw------- always)
            Path ordinary = Files.writeString(root.resolve("ordinary.txt"), "x");
            var othersRead = java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
            assertEquals(Files.getPosixFilePermissions(ordinary).contains(othersRead),
                    Files.getPosixFilePermissions(file).contains(othersRead));
        }
    }

    @Test
    void theCacheFolderIsNotAStyle() {
        load(16);
        assertEquals(List.of("landscape"), WikiArtFolder.open(root).styles());
    }

    @Test
    void unwritableCacheFolderIsAClearError() throws Exception {
        Path blocker = Files.writeString(root.resolve("blocker"), "a file where the cache folder should be");
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> StyleCache.load(WikiArtFolder.open(root), "landscape", 16, blocker.resolve("sub"), false));
        assertTrue(e.getMessage().startsWith("cannot write image cache "), e.getMessage());
    }

    @Test
    void openRejectsAFileThatIsNotACache() throws Exception {
        Path notCache = Files.writeString(root.resolve("x.bin"), "hello");
        assertThrows(EmotionArtException.class, () -> StyleCache.open(notCache));
    }
}
