package org.emotionart.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.emotionart.util.AtomicFiles;

/** Conversions between packed uint8 RGB (HWC) pixels, {@link BufferedImage}s and PNG files. */
public final class Images {
    private Images() {
    }

    /** Image {@code index} of a packed [N, size, size, 3] uint8 array as an RGB image. */
    public static BufferedImage fromHwc(byte[] pixels, int index, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int base = index * size * size * 3;
        int[] row = new int[size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = base + (y * size + x) * 3;
                row[x] = (pixels[p] & 0xff) << 16 | (pixels[p + 1] & 0xff) << 8 | (pixels[p + 2] & 0xff);
            }
            img.setRGB(0, y, size, 1, row, 0, size);
        }
        return img;
    }

    /** Every image of a packed [N, size, size, 3] uint8 array (a generator's output), in order. */
    public static List<BufferedImage> allFromHwc(byte[] pixels, int size) {
        int n = pixels.length / (size * size * 3);
        List<BufferedImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(fromHwc(pixels, i, size));
        }
        return out;
    }

    /** Packs an image's RGB pixels as HWC uint8 into {@code out} at image slot {@code index}. */
    public static void toHwc(BufferedImage img, byte[] out, int index) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int base = index * w * h * 3;
        for (int i = 0; i < argb.length; i++) {
            out[base + 3 * i] = (byte) (argb[i] >> 16);
            out[base + 3 * i + 1] = (byte) (argb[i] >> 8);
            out[base + 3 * i + 2] = (byte) argb[i];
        }
    }

    /** PNG bytes of an image (the JDK encoder: the same image gives the same bytes). */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, png(img));
    }
}
