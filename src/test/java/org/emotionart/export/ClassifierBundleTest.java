package org.emotionart.export;

import org.emotionart.bundle.BundleMetadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.emotionart.TinyModels;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.Prediction;
import org.emotionart.data.ImageDecoder;
import org.emotionart.model.Preprocess;
import org.emotionart.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * The exported classifier (tiny VGG16 with the Keras fixture's weights, head trained a few epochs):
 * the same answers in a fresh JVM, and the image-bytes signature agreeing with Java-side decoding.
 */
class ClassifierBundleTest {
    /**
     * The made-up VGG filters respond strongly to pixel-level noise (see KerasWeightsTest), so a one
     * level difference per pixel moves this tiny model's probabilities by a few hundredths.
     */
    static final float JPEG_TOLERANCE = 0.1f;
    @TempDir
    static Path dir;
    static Path bundle;
    static Path png;
    static Path jpeg;

    @BeforeAll
    static void trainExportAndDraw() throws Exception {
        bundle = TinyModels.classifierBundle(dir);
        png = dir.resolve("at-model-size.png");
        ImageIO.write(painting(32, 32), "png", png.toFile());
        jpeg = dir.resolve("larger.jpg");
        ImageIO.write(painting(56, 44), "jpeg", jpeg.toFile());
    }

    /** Something with edges and gradients, so decoders and resamplers have work to do. */
    static BufferedImage painting(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 60, 40), w, h, new Color(30, 90, 180)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(250, 220, 40));
        g.fillOval(w / 4, h / 5, w / 2, h / 2);
        g.setStroke(new BasicStroke(2));
        g.setColor(Color.DARK_GRAY);
        g.drawLine(0, h - 4, w, 3);
        g.dispose();
        return img;
    }

    @Test
    void metadataSaysWhatTheBundleIs() {
        BundleMetadata meta = Json.read(bundle.resolve("1").resolve(BundleMetadata.FILE), BundleMetadata.class);
        assertEquals(BundleMetadata.CLASSIFIER, meta.kind());
        assertEquals(32, meta.imageSize());
        assertEquals("vgg16", meta.architecture().get("backbone"));
    }

    @Test
    void freshJvmGivesTheInProcessAnswersAndTheBytesPathAgreesWithJavaDecoding() throws Exception {
        float[][] bytesHere = servingDefault(bundle, List.of(png, jpeg));
        float[][] pixelsHere;
        try (EmotionClassifier c = EmotionClassifier.load(bundle)) {
            Prediction p = c.classify(png);
            Prediction j = c.classify(jpeg);
            pixelsHere = new float[][] {p.probabilities(), j.probabilities()};
        }

        Path out = dir.resolve("fresh.json");
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), bundle.toString(),
                png.toString(), jpeg.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertEquals(0, proc.waitFor(), () -> GeneratorBundleTest.readQuietly(dir.resolve("probe.log")));
        float[][][] fresh = Json.read(out, float[][][].class);

        // the same bundle and the same input give bit-identical probabilities in another JVM
        assertArrayEquals(bytesHere[0], fresh[0][0], "serving_default on the PNG's bytes");
        assertArrayEquals(bytesHere[1], fresh[0][1], "serving_default on the JPEG's bytes");
        assertArrayEquals(pixelsHere[0], fresh[1][0], "facade (Java decoding, classify_pixels) on the PNG");
        assertArrayEquals(pixelsHere[1], fresh[1][1], "facade on the JPEG");

        // PNG at the model's size: TF's decoder and Java's give the same pixels and no resize is needed,
        // so the bytes path (fresh JVM) equals the in-process pixels path exactly
        assertArrayEquals(pixelsHere[0], fresh[0][0], "PNG: bytes path vs pixels path");
        assertEquals(argmax(pixelsHere[0]), argmax(fresh[0][0]));
        // JPEG: TF decodes with libjpeg-turbo, Java with its own libjpeg-based decoder; JPEG decoders
        // are not bit-exact with each other (IDCT and chroma upsampling may differ by a level or two).
        // The 56x44 image is also cropped and resized by two triangle-filter implementations (Java
        // rounds to uint8 after resizing, TF keeps floats). So pixels agree to about a level, and the
        // probabilities closely, not bit for bit.
        double[] diff = pixelDifference(jpeg, 32);
        assertTrue(diff[0] < 1.5 && diff[1] <= 8, "JPEG pixels, TF vs Java: mean " + diff[0] + ", max " + diff[1]);
        assertEquals(argmax(pixelsHere[1]), argmax(fresh[0][1]));
        for (int c = 0; c < 3; c++) {
            assertEquals(pixelsHere[1][c], fresh[0][1][c], JPEG_TOLERANCE, "JPEG class " + c);
        }
    }

    @Test
    void servingDefaultBytesAgreeWithClassifyPixelsOnAPngAtTheModelSize() throws Exception {
        float[][] byBytes = servingDefault(bundle, List.of(png));
        BufferedImage img = ImageIO.read(png.toFile());
        float[] pixels = new float[32 * 32 * 3];
        for (int y = 0, i = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int rgb = img.getRGB(x, y);
                pixels[i++] = (rgb >> 16) & 0xff;
                pixels[i++] = (rgb >> 8) & 0xff;
                pixels[i++] = rgb & 0xff;
            }
        }
        try (SavedModelBundle b = SavedModelBundle.load(bundle.resolve("1").toString(), "serve");
             TFloat32 t = TFloat32.tensorOf(Shape.of(1, 32, 32, 3), DataBuffers.of(pixels, true, false));
             Result r = b.function(ClassifierBundle.PIXELS).call(Map.of("pixels", t))) {
            TFloat32 p = (TFloat32) r.get("probabilities").orElseThrow();
            float[] probs = {p.getFloat(0, 0), p.getFloat(0, 1), p.getFloat(0, 2)};
            assertArrayEquals(byBytes[0], probs);
            assertEquals(argmax(probs), ((TInt32) r.get("emotion").orElseThrow()).getInt(0));
            float sum = probs[0] + probs[1] + probs[2];
            assertEquals(1f, sum, 1e-5f);
        }
    }

    /** Mean and largest |TF - Java| over the model-size pixels of an image file (TF: the bundle's own preprocessing). */
    static double[] pixelDifference(Path file, int size) throws Exception {
        byte[] java = ImageDecoder.decode(file, size);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TString> bytes = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> pixels = Preprocess.decodeBatch(g, tf, bytes, size);
            try (Session s = new Session(g);
                 TString t = TString.tensorOfBytes(NdArrays.vectorOfObjects(new byte[][] {Files.readAllBytes(file)}));
                 Result r = s.runner().feed(bytes, t).fetch(pixels).run()) {
                TFloat32 p = (TFloat32) r.get(0);
                double sum = 0;
                double max = 0;
                for (int y = 0, i = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        for (int c = 0; c < 3; c++, i++) {
                            double d = Math.abs(p.getFloat(0, y, x, c) - (java[i] & 0xff));
                            sum += d;
                            max = Math.max(max, d);
                        }
                    }
                }
                return new double[] {sum / java.length, max};
            }
        }
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** serving_default on each file's bytes, one request per file. */
    static float[][] servingDefault(Path bundle, List<Path> files) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (SavedModelBundle b = SavedModelBundle.load(bundle.resolve("1").toString(), "serve")) {
            for (Path f : files) {
                byte[][] bytes = {Files.readAllBytes(f)};
                try (TString s = TString.tensorOfBytes(NdArrays.vectorOfObjects(bytes));
                     Result r = b.function("serving_default").call(Map.of("image_bytes", s))) {
                    TFloat32 p = (TFloat32) r.get("probabilities").orElseThrow();
                    out.add(new float[] {p.getFloat(0, 0), p.getFloat(0, 1), p.getFloat(0, 2)});
                    assertEquals(argmax(out.get(out.size() - 1)), ((TInt32) r.get("emotion").orElseThrow()).getInt(0));
                }
            }
        }
        return out.toArray(float[][]::new);
    }

    /** In a fresh JVM: [serving_default on bytes per file, facade per file], as JSON. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Path bundle = Path.of(args[0]);
            List<Path> files = List.of(Path.of(args[1]), Path.of(args[2]));
            float[][] bytes = servingDefault(bundle, files);
            float[][] facade = new float[2][];
            try (EmotionClassifier c = EmotionClassifier.load(bundle)) {
                for (int i = 0; i < 2; i++) {
                    facade[i] = c.classify(files.get(i)).probabilities();
                }
            }
            Json.writeFile(Path.of(args[3]), new float[][][] {bytes, facade});
        }
    }
}
