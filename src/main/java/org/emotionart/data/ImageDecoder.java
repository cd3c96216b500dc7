package org.emotionart.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an image file into the square RGB pixels the networks see: uint8, HWC, {@code size}×{@code size}.
 *
 * <p><b>Decoding.</b> Image I/O with the TwelveMonkeys JPEG plugin, which reads what the JDK's own
 * decoder rejects or miscolours on real WikiArt: CMYK and YCCK JPEGs (converted to sRGB through
 * their ICC profile, or a generic CMYK profile), besides progressive and grayscale JPEGs. PNGs use
 * the JDK reader. The format is recognised from the content, not the file name. Grayscale samples are
 * taken as display values (R=G=B=sample, as in the file), palettes are looked up, other colour
 * spaces are converted to sRGB, and transparency is composited on white.
 *
 * <p><b>Large images.</b> Only the centre square is decoded (a source region), and with source
 * subsampling by the largest integer factor that still leaves at least {@value #OVERSAMPLING}× the
 * target size, so a 10000×8000 painting decodes to about 1000×1000 pixels for size 224 instead of
 * 240 MB. (Subsampling picks pixels without filtering; keeping 4× rather than the minimum 2× lets the
 * antialiased resize below average most of that aliasing away, at almost no cost since a JPEG's
 * entropy decoding dominates either way.)
 *
 * <p><b>Crop and resize.</b> Centre-crop to the largest square, then resize with a separable
 * triangle filter widened by the reduction factor ({@link Resampler}: Pillow's antialiased bilinear).
 * The original PyTorch project used torchvision {@code Resize(S)} then {@code CenterCrop(S)}, i.e.
 * scale the short side to S and cut the centre: the same pixels as cropping the centre square first.
 * Cropping rather than padding keeps every pixel a painted pixel (no bars the GAN would learn to draw)
 * and matches the weights trained by the original project.
 *
 * <p><b>Broken files.</b> Anything that cannot be decoded (no decoder recognises the content, a
 * decoder error, a JPEG that ends early) is an {@link UnreadableImageException} with a one-line reason.
 * EXIF orientation is ignored, as Pillow and torchvision did.
 */
public final class ImageDecoder {
    /** The image is decoded at no less than this many times the target size before resizing. */
    public static final int OVERSAMPLING = 4;

    /** Bumped whenever decoding or resizing changes its output, so caches made before are rebuilt. */
    public static final int PIPELINE_VERSION = 1;

    static {
        // java -jar with lib/ on the manifest Class-Path, or a container class loader: make sure
        // the TwelveMonkeys readers and buffered streams found on the class path are registered.
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {
    }

    /**
     * The largest image file decoded (width × height, from its header): 250 million pixels, past the
     * largest scans in WikiArt, so that a small file claiming a huge image is refused at once, in a folder
     * of thousands as anywhere (a review on 2026-12-07 measured 9.7 s of CPU in {@code classify} for a
     * 1.2 KB JPEG whose header claims 65,500 × 65,500).
     */
    public static final long MAX_FILE_PIXELS = 250_000_000L;

    /**
     * Decodes an image file and returns its centre square resized to {@code size}×{@code size}, as
     * uint8 RGB HWC ({@code size * size * 3} bytes).
     *
     * @throws UnreadableImageException if the file cannot be decoded; the message says why
     */
    public static byte[] decode(Path file, int size) throws UnreadableImageException {
        checkSize(size);
        try {
            return toSquareRgb(readCentreSquare(file, size), size);
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableImageException(describe(e), e);
        } catch (RuntimeException e) {
            // decoders throw IllegalArgumentException, ArrayIndexOutOfBounds, CMMException... on bad data
            throw new UnreadableImageException(describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new UnreadableImageException("too large to decode in the memory available (raise -Xmx)", e);
        }
    }

    /**
     * Decodes an image held in memory (an upload) like {@link #decode(Path, int)}. The bytes are read
     * through a memory-cached stream, never ImageIO's file cache, so nothing is written to disk.
     * Images of more than {@code maxPixels} pixels (width × height, from the header) are refused
     * before their pixels are decoded: a small file can declare a huge image.
     *
     * @throws UnreadableImageException if the bytes are not a readable image, or too large
     */
    public static byte[] decode(byte[] bytes, int size, long maxPixels) throws UnreadableImageException {
        checkSize(size);
        if (bytes.length == 0) {
            throw new UnreadableImageException("empty file (0 bytes)");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return toSquareRgb(readCentreSquare(in, size, maxPixels), size);
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new UnreadableImageException("too large to decode in the memory available (raise -Xmx)", e);
        }
    }

    /**
     * Centre-crops {@code image} to a square and resizes it to {@code size}×{@code size} with
     * antialiasing; returns uint8 RGB HWC. Transparency is composited on white.
     */
    public static byte[] toSquareRgb(BufferedImage image, int size) {
        checkSize(size);
        int w = image.getWidth();
        int h = image.getHeight();
        int side = Math.min(w, h);
        BufferedImage square = w == h ? image : image.getSubimage((w - side) / 2, (h - side) / 2, side, side);
        return Resampler.resize(rgb(square), side, size);
    }

    private static void checkSize(int size) {
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("image size " + size + " is out of range: allowed 1..4096");
        }
    }

    /** Reads the centre square of the image, subsampled to no less than OVERSAMPLING × size. */
    private static BufferedImage readCentreSquare(Path file, int size) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new UnreadableImageException("cannot open file");
            }
            return readCentreSquare(in, size, MAX_FILE_PIXELS);
        }
    }

    /** Reads the centre square from a stream; refuses images of more than {@code maxPixels} pixels. */
    private static BufferedImage readCentreSquare(ImageInputStream in, int size, long maxPixels) throws IOException {
        ImageReader reader = pickReader(ImageIO.getImageReaders(in));
        if (reader == null) {
            throw new UnreadableImageException("not an image in a format this program reads (JPEG, PNG, GIF, BMP, TIFF; content not recognised)");
        }
        try {
            reader.setInput(in, true, true);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((IIOReadWarningListener) (r, warning) -> warnings.add(warning));
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            int side = Math.min(w, h);
            if (side < 1) {
                throw new UnreadableImageException("empty image (" + w + "x" + h + ")");
            }
            if ((long) w * h > maxPixels) {
                throw new UnreadableImageException("image is " + w + "x" + h + " pixels: more than the "
                        + maxPixels + " pixels allowed");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle((w - side) / 2, (h - side) / 2, side, side));
            int factor = Math.max(1, side / (OVERSAMPLING * size));
            param.setSourceSubsampling(factor, factor, 0, 0);
            BufferedImage image = reader.read(0, param);
            for (String warning : warnings) {
                if (isTruncation(warning)) {
                    throw new UnreadableImageException("truncated: " + warning.trim());
                }
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    /** Prefers a TwelveMonkeys reader (CMYK/YCCK JPEGs) over the JDK's should both be registered. */
    private static ImageReader pickReader(Iterator<ImageReader> readers) {
        ImageReader first = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getClass().getName().startsWith("com.twelvemonkeys.")) {
                if (first != null) {
                    first.dispose();
                }
                return r;
            }
            if (first == null) {
                first = r;
            } else {
                r.dispose();
            }
        }
        return first;
    }

    /** libjpeg reports a file that ends early as a warning and fills the rest with grey. */
    private static boolean isTruncation(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated") || w.contains("unexpected end");
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.io.EOFException || m == null || m.isBlank()) {
            return e instanceof java.io.EOFException ? "truncated (unexpected end of file)"
                    : e.getClass().getSimpleName();
        }
        m = m.strip().replaceAll("\\s+", " ");
        return e instanceof IOException ? m : e.getClass().getSimpleName() + ": " + m;
    }

    /**
     * Packs an image as uint8 RGB HWC. sRGB and grayscale component images and palette images are
     * read sample by sample (alpha composited on white); anything else (an embedded non-sRGB profile,
     * for example) is first drawn by Java2D onto an sRGB canvas, which converts its colours.
     */
    static byte[] rgb(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        boolean plain = (cm instanceof ComponentColorModel || cm instanceof DirectColorModel)
                && (cs.isCS_sRGB() || cs.getType() == ColorSpace.TYPE_GRAY);
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(image.getRaster(), icm);
        }
        if (!plain) {
            BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = canvas.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.drawImage(image, 0, 0, null);
            g.dispose();
            image = canvas;
            cm = canvas.getColorModel();
        }
        return fromComponents(image.getRaster(), cm);
    }

    /**
     * Gray (1 colour band, copied to R, G and B: the stored values, as Pillow reads them; Java2D would
     * treat them as linear light and brighten them) or RGB, 8 or 16 bits, optional alpha.
     */
    private static byte[] fromComponents(Raster raster, ColorModel cm) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int colours = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int bands = colours + (alpha ? 1 : 0);
        float[] scale = new float[bands];
        boolean eightBit = true;
        for (int b = 0; b < bands; b++) {
            int bits = cm.getComponentSize(b);
            scale[b] = 255f / (float) ((1L << bits) - 1);
            eightBit &= bits == 8;
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                int r;
                int g;
                int b;
                if (colours == 1) {
                    r = g = b = eightBit ? row[i] : Math.round(row[i] * scale[0]);
                } else if (eightBit) {
                    r = row[i];
                    g = row[i + 1];
                    b = row[i + 2];
                } else {
                    r = Math.round(row[i] * scale[0]);
                    g = Math.round(row[i + 1] * scale[1]);
                    b = Math.round(row[i + 2] * scale[2]);
                }
                if (alpha) {
                    int a = eightBit ? row[i + colours] : Math.round(row[i + colours] * scale[colours]);
                    if (a != 255) {
                        r = onWhite(r, a, premultiplied);
                        g = onWhite(g, a, premultiplied);
                        b = onWhite(b, a, premultiplied);
                    }
                }
                out[o++] = (byte) r;
                out[o++] = (byte) g;
                out[o++] = (byte) b;
            }
        }
        return out;
    }

    private static byte[] fromPalette(Raster raster, IndexColorModel cm) {
        int[] argb = new int[cm.getMapSize()];
        cm.getRGBs(argb);
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int idx = row[x];
                int c = idx < argb.length ? argb[idx] : 0xff000000;
                int a = c >>> 24;
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                if (a != 255) {
                    r = onWhite(r, a, false);
                    g = onWhite(g, a, false);
                    b = onWhite(b, a, false);
                }
                out[o++] = (byte) r;
                out[o++] = (byte) g;
                out[o++] = (byte) b;
            }
        }
        return out;
    }

    /** A colour value with alpha {@code a} (0..255) composited over white. */
    private static int onWhite(int c, int a, boolean premultiplied) {
        int v = premultiplied ? c + 255 - a : (c * a + 255 * (255 - a) + 127) / 255;
        return Math.min(255, Math.max(0, v));
    }
}
