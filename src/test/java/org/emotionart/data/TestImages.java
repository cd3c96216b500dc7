package org.emotionart.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Small images made by the tests, and the committed ones in src/test/resources/images. */
final class TestImages {
    private TestImages() {
    }

    /** An RGB image split into vertical bands of the given colours, left to right. */
    static BufferedImage bands(int width, int height, Color... colours) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < colours.length; i++) {
            int x0 = width * i / colours.length;
            int x1 = width * (i + 1) / colours.length;
            g.setColor(colours[i]);
            g.fillRect(x0, 0, x1 - x0, height);
        }
        g.dispose();
        return img;
    }

    static Path png(Path file, BufferedImage image) {
        return write(file, image, "png");
    }

    static Path jpeg(Path file, BufferedImage image) {
        return write(file, image, "jpeg");
    }

    static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A solid colour JPEG. */
    static Path solidJpeg(Path file, int width, int height, Color colour) {
        return jpeg(file, bands(width, height, colour));
    }

    /** Copies a committed test image (src/test/resources/images/NAME) to {@code file}. */
    static Path resource(String name, Path file) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource images/" + name);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the first half of {@code source}'s bytes to {@code file}: a truncated download. */
    static Path truncatedCopy(Path source, Path file) {
        try {
            byte[] all = Files.readAllBytes(source);
            Files.write(file, Arrays.copyOf(all, all.length / 2));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The RGB of pixel (x, y) in a uint8 HWC image of side {@code size}. */
    static int[] rgbAt(byte[] pixels, int size, int x, int y) {
        int i = (y * size + x) * 3;
        return new int[] {pixels[i] & 0xff, pixels[i + 1] & 0xff, pixels[i + 2] & 0xff};
    }
}
