package org.emotionart.viz;

import com.pngencoder.PngEncoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emotionart.util.AtomicFiles;

/** Conversions between packed uint8 RGB (HWC) pixels, {@link BufferedImage}s and PNG files. */
public final class Images {
    private Images() {
    }

    /** Image {@code index} of a packed [N, size, size, 3] uint8 array as an RGB image. */
    public static BufferedImage fromHwc(byte[] pixels, int index, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        // straight into the image's own int array: setRGB's colour-model round trip per pixel took a
        // tenth of the web server's request threads under load (a profile of bench serve)
        int[] rgb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int p = index * size * size * 3;
        for (int i = 0; i < rgb.length; i++, p += 3) {
            rgb[i] = (pixels[p] & 0xff) << 16 | (pixels[p + 1] & 0xff) << 8 | (pixels[p + 2] & 0xff);
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

    /**
     * PNG bytes of an image: deflate level 1 after PNG's per-row predictor filters, single-threaded
     * (pngencoder): the same image gives the same bytes, smaller and faster than the JDK's writer.
     */
    public static byte[] png(BufferedImage img) {
        return new PngEncoder().withBufferedImage(img).withCompressionLevel(1).withPredictorEncoding(true)
                .withMultiThreadedCompressionEnabled(false).toBytes();
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, png(img));
    }
}
