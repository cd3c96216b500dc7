package org.emotionart.data;

import static org.emotionart.data.TestImages.rgbAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path dir;

    private static void assertColour(int[] expected, int[] actual, int tolerance, String what) {
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= tolerance,
                    what + ": expected about (" + expected[0] + "," + expected[1] + "," + expected[2] + "), got ("
                            + actual[0] + "," + actual[1] + "," + actual[2] + ")");
        }
    }

    private static void assertUniform(byte[] pixels, int size, int[] rgb, int tolerance, String what) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                assertColour(rgb, rgbAt(pixels, size, x, y), tolerance, what + " at (" + x + "," + y + ")");
            }
        }
    }

    @Test
    void twelveMonkeysJpegReaderIsRegisteredAndPreferred() throws Exception {
        Path cmyk = TestImages.resource("cmyk-red.jpg", dir.resolve("cmyk.jpg"));
        ImageDecoder.decode(cmyk, 8); // initialises the decoder
        ImageReader first = ImageIO.getImageReadersByFormatName("jpeg").next();
        assertTrue(first.getClass().getName().startsWith("com.twelvemonkeys."), first.getClass().getName());
    }

    @Test
    void cmykJpegDecodesToRedNotInverted() throws Exception {
        Path file = TestImages.resource("cmyk-red.jpg", dir.resolve("cmyk.jpg"));
        byte[] px = ImageDecoder.decode(file, 8);
        assertEquals(8 * 8 * 3, px.length);
        assertUniform(px, 8, new int[] {255, 0, 0}, 40, "CMYK red");
    }

    @Test
    void progressiveCmykJpegDecodesToGreen() throws Exception {
        Path file = TestImages.resource("cmyk-progressive-green.jpg", dir.resolve("g.jpg"));
        assertUniform(ImageDecoder.decode(file, 8), 8, new int[] {0, 255, 0}, 40, "progressive CMYK green");
    }

    @Test
    void progressiveJpegIsCentreCroppedKeepingItsHalves() throws Exception {
        // 64x16: blue | yellow; the centre 16x16 square is half blue, half yellow
        Path file = TestImages.resource("progressive-blue-yellow.jpg", dir.resolve("p.jpg"));
        byte[] px = ImageDecoder.decode(file, 16);
        for (int y = 0; y < 16; y++) {
            assertColour(new int[] {0, 0, 255}, rgbAt(px, 16, 2, y), 40, "left");
            assertColour(new int[] {255, 255, 0}, rgbAt(px, 16, 13, y), 40, "right");
        }
    }

    @Test
    void grayscalePngKeepsItsValuesInAllThreeChannels() throws Exception {
        BufferedImage gray = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = gray.getRaster();
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                r.setSample(x, y, 0, 100);
            }
        }
        byte[] px = ImageDecoder.decode(TestImages.png(dir.resolve("gray.png"), gray), 10);
        // R = G = B = the stored value (Java2D would brighten it to 168 as if it were linear light)
        assertUniform(px, 10, new int[] {100, 100, 100}, 0, "gray 100");
    }

    @Test
    void sixteenBitGrayscalePngIsScaledToEightBits() throws Exception {
        BufferedImage gray = new BufferedImage(12, 12, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = gray.getRaster();
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                r.setSample(x, y, 0, 200 * 257);
            }
        }
        byte[] px = ImageDecoder.decode(TestImages.png(dir.resolve("gray16.png"), gray), 12);
        assertUniform(px, 12, new int[] {200, 200, 200}, 0, "16-bit gray 200");
    }

    @Test
    void grayPngWithAlphaIsCompositedOnWhite() throws Exception {
        BufferedImage ga = ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false, false)
                .createBufferedImage(8, 8);
        WritableRaster r = ga.getRaster();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                r.setSample(x, y, 0, 100);
                r.setSample(x, y, 1, 128);
            }
        }
        byte[] px = ImageDecoder.decode(TestImages.png(dir.resolve("ga.png"), ga), 8);
        int expected = (100 * 128 + 255 * 127) / 255; // 177
        assertUniform(px, 8, new int[] {expected, expected, expected}, 1, "gray 100 at alpha 128 on white");
    }

    @Test
    void palettePngIsLookedUp() throws Exception {
        IndexColorModel palette = new IndexColorModel(2, 2, new byte[] {(byte) 255, 0}, new byte[] {0, 0},
                new byte[] {0, (byte) 255});
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int y = 0; y < 32; y++) {
            for (int x = 16; x < 32; x++) {
                img.getRaster().setSample(x, y, 0, 1);
            }
        }
        byte[] px = ImageDecoder.decode(TestImages.png(dir.resolve("pal.png"), img), 32);
        assertArrayEquals(new int[] {255, 0, 0}, rgbAt(px, 32, 0, 5));
        assertArrayEquals(new int[] {0, 0, 255}, rgbAt(px, 32, 31, 5));
    }

    @Test
    void palettePngWithTransparentEntryBecomesWhite() throws Exception {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {(byte) 255, 0}, 0); // entry 0 (blue) is transparent
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] px = ImageDecoder.decode(TestImages.png(dir.resolve("palt.png"), img), 8);
        assertUniform(px, 8, new int[] {255, 255, 255}, 0, "transparent palette entry");
    }

    @Test
    void rgbaPngIsCompositedOnWhite() throws Exception {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, x < 8 ? 0x80c83200 : 0x00000000); // (200,50,0) at alpha 128 | fully transparent
            }
        }
        byte[] px = ImageDecoder.decode(TestImages.png(dir.resolve("rgba.png"), img), 16);
        assertColour(new int[] {227, 152, 127}, rgbAt(px, 16, 2, 2), 1, "half transparent");
        assertArrayEquals(new int[] {255, 255, 255}, rgbAt(px, 16, 13, 2), "fully transparent");
    }

    @Test
    void pngNamedJpgIsRecognisedByContent() throws Exception {
        Path file = TestImages.png(dir.resolve("really-a-png.jpg"), TestImages.bands(10, 10, Color.GREEN));
        assertUniform(ImageDecoder.decode(file, 5), 5, new int[] {0, 255, 0}, 0, "png named .jpg");
    }

    @Test
    void truncatedJpegIsUnreadable() throws Exception {
        Path whole = TestImages.jpeg(dir.resolve("whole.jpg"), TestImages.bands(200, 150, Color.RED, Color.BLUE));
        Path cut = TestImages.truncatedCopy(whole, dir.resolve("cut.jpg"));
        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(cut, 16));
        assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
    }

    @Test
    void truncatedPngIsUnreadable() throws Exception {
        BufferedImage noisy = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                noisy.setRGB(x, y, random.nextInt());
            }
        }
        Path cut = TestImages.truncatedCopy(TestImages.png(dir.resolve("whole.png"), noisy), dir.resolve("cut.png"));
        assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(cut, 16));
    }

    @Test
    void textFileNamedJpgAndEmptyFileAreUnreadable() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image\n", StandardCharsets.UTF_8);
        Path empty = Files.createFile(dir.resolve("empty.png"));
        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(text, 16));
        assertTrue(e.getMessage().contains("not an image in a format this program reads"), e.getMessage());
        assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(empty, 16));
        assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(dir.resolve("missing.jpg"), 16));
    }

    @Test
    void resizeKeepsTheHalvesOfATwoColourImage() {
        byte[] px = ImageDecoder.toSquareRgb(TestImages.bands(100, 100, Color.RED, Color.BLUE), 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x <= 29; x++) {
                assertArrayEquals(new int[] {255, 0, 0}, rgbAt(px, 64, x, y), "x=" + x);
            }
            for (int x = 34; x < 64; x++) {
                assertArrayEquals(new int[] {0, 0, 255}, rgbAt(px, 64, x, y), "x=" + x);
            }
            // the two columns at the seam blend, no ringing or overshoot
            int[] left = rgbAt(px, 64, 31, y);
            int[] right = rgbAt(px, 64, 32, y);
            assertTrue(left[0] > right[0] && left[2] < right[2] && left[1] == 0 && right[1] == 0);
        }
    }

    @Test
    void resizeAveragesFineDetailInsteadOfAliasing() {
        // 1-pixel black/white stripes shrunk 8x must come out mid-grey, not black or white
        BufferedImage stripes = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0xffffff : 0);
            }
        }
        byte[] px = ImageDecoder.toSquareRgb(stripes, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                // the outermost columns see a filter cut off by the border, as in Pillow
                int tolerance = x == 0 || x == 31 ? 6 : 1;
                assertColour(new int[] {128, 128, 128}, rgbAt(px, 32, x, y), tolerance, "stripes at x=" + x);
            }
        }
    }

    @Test
    void wideAndTallImagesAreCentreCropped() throws Exception {
        BufferedImage wide = TestImages.bands(300, 100, Color.GREEN, Color.RED, Color.BLUE);
        assertUniform(ImageDecoder.toSquareRgb(wide, 64), 64, new int[] {255, 0, 0}, 0, "wide, in memory");
        Path widePng = TestImages.png(dir.resolve("wide.png"), wide);
        assertUniform(ImageDecoder.decode(widePng, 64), 64, new int[] {255, 0, 0}, 0, "wide, from a file");

        BufferedImage tall = new BufferedImage(50, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 50; x++) {
                tall.setRGB(x, y, y >= 50 && y < 100 ? 0xffff00 : 0x000000);
            }
        }
        assertUniform(ImageDecoder.decode(TestImages.png(dir.resolve("tall.png"), tall), 20), 20,
                new int[] {255, 255, 0}, 0, "tall");
    }

    @Test
    void largeImageIsSubsampledAndStillCorrect() throws Exception {
        // 3000x2000 decodes with 3000/(4*16) -> subsampling 31 over the centre 2000x2000 square
        Path big = TestImages.png(dir.resolve("big.png"),
                TestImages.bands(3000, 2000, Color.BLACK, Color.RED, Color.RED, Color.BLUE, Color.BLUE, Color.BLACK));
        byte[] px = ImageDecoder.decode(big, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 6; x++) {
                assertArrayEquals(new int[] {255, 0, 0}, rgbAt(px, 16, x, y), "x=" + x);
            }
            for (int x = 9; x < 16; x++) {
                assertArrayEquals(new int[] {0, 0, 255}, rgbAt(px, 16, x, y), "x=" + x);
            }
        }
    }

    @Test
    void smallImageIsEnlarged() throws Exception {
        Path small = TestImages.png(dir.resolve("small.png"), TestImages.bands(10, 10, Color.MAGENTA));
        assertUniform(ImageDecoder.decode(small, 64), 64, new int[] {255, 0, 255}, 0, "enlarged");
    }

    @Test
    void sizeOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageDecoder.toSquareRgb(TestImages.bands(4, 4, Color.RED), 0));
    }

    @Test
    void bytesInMemoryDecodeLikeTheFileAndNeverTouchImageIosFileCache() throws Exception {
        Path cmyk = TestImages.resource("cmyk-red.jpg", dir.resolve("cmyk.jpg"));
        Path png = TestImages.png(dir.resolve("bands.png"), TestImages.bands(40, 20, Color.BLUE, Color.YELLOW));
        Path cache = Files.createDirectories(dir.resolve("imageio-cache"));
        java.io.File before = ImageIO.getCacheDirectory();
        boolean useCache = ImageIO.getUseCache();
        ImageIO.setCacheDirectory(cache.toFile());
        ImageIO.setUseCache(true);
        try {
            for (Path file : new Path[] {cmyk, png}) {
                assertArrayEquals(ImageDecoder.decode(file, 16),
                        ImageDecoder.decode(Files.readAllBytes(file), 16, Long.MAX_VALUE), file.toString());
            }
            try (var listing = Files.list(cache)) {
                assertEquals(0, listing.count(), "nothing written to ImageIO's cache folder");
            }
        } finally {
            ImageIO.setUseCache(useCache);
            ImageIO.setCacheDirectory(before);
        }
    }

    @Test
    void bytesThatAreNotAnImageOrTooManyPixelsAreRefusedWithAReason() throws Exception {
        var notImage = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode("hello, I am text".getBytes(StandardCharsets.UTF_8), 16, Long.MAX_VALUE));
        assertTrue(notImage.getMessage().contains("not an image in a format this program reads"), notImage.getMessage());
        var empty = assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(new byte[0], 16, 100));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        byte[] wide = Files.readAllBytes(TestImages.png(dir.resolve("wide.png"), TestImages.bands(400, 30, Color.RED)));
        var big = assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(wide, 16, 10_000));
        assertTrue(big.getMessage().contains("400x30") && big.getMessage().contains("10000"), big.getMessage());
        assertEquals(16 * 16 * 3, ImageDecoder.decode(wide, 16, 12_000).length);
        byte[] truncated = java.util.Arrays.copyOf(wide, wide.length / 2);
        assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(truncated, 16, Long.MAX_VALUE));
    }

    @Test
    void parallelDecoderPassesOnTheDecodersOwnMessageNotAnExceptionClass() {
        Path file = TestImages.solidJpeg(dir.resolve("a.jpg"), 20, 20, Color.RED);
        var sources = java.util.List.of(new SourceImage("a.jpg", file, 0, 0));
        var e = assertThrows(org.emotionart.EmotionArtException.class, () ->
                ParallelDecoder.decodeInOrder(sources, -1, 1, null, (source, pixels, error) -> { }));
        assertEquals("could not decode the images: image size -1 is out of range: allowed 1..4096", e.getMessage());
    }
    @Test
    void aFileWhoseHeaderClaimsAHugeImageIsRefusedBeforeDecoding(@TempDir Path tmp) throws Exception {
        // a valid PNG header (IHDR 65,500 × 65,500, RGB) and no pixel data: 4.3 billion pixels claimed in 45 bytes
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(65_500).putInt(65_500).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        png.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        png.write(ihdr.array());
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Path file = java.nio.file.Files.write(tmp.resolve("claims-huge.png"), png.toByteArray());
        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> ImageDecoder.decode(file, 64));
        assertTrue(e.getMessage().contains("image is 65500x65500 pixels: more than the 250000000 pixels allowed"),
                e.getMessage());
    }
}
