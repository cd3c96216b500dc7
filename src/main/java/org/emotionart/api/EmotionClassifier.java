package org.emotionart.api;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emotionart.Emotion;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.bundle.Signatures;
import org.emotionart.data.ImageDecoder;
import org.emotionart.data.UnreadableImageException;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The image → emotion classifier. Images are prepared in Java exactly as for training (centre square,
 * antialiased resize to the model's size; CMYK and grayscale JPEGs decode correctly) and classified
 * through the bundle's {@code classify_pixels} signature. Thread-safe.
 */
public final class EmotionClassifier implements AutoCloseable {
    /** Most images per call. */
    public static final int MAX_BATCH = 256;

    private final Bundle bundle;
    private final SessionFunction byPixels;

    /** Where the penultimate layer is: the signature's {@code features} output, or found in the graph. */
    private final boolean featuresInSignature;
    private volatile Output<?> featuresTensor;

    /** The bundle's calibration of its training domain, if it has one. */
    private final Domain domain;

    EmotionClassifier(Bundle bundle) {
        this.bundle = bundle;
        Domain d;
        try {
            d = Domain.read(bundle.dir).orElse(null);
            if (d != null) {
                d.check(bundle.dir);
            }
        } catch (RuntimeException e) {
            bundle.close();
            throw new BundleException(bundle.dir + " has a damaged " + Domain.FILE + ": " + e.getMessage()
                    + " (calibrate-domain writes it; delete it to use the bundle without)", e);
        }
        this.domain = d;
        this.byPixels = bundle.model.function(Signatures.CLASSIFY_PIXELS);
        this.featuresInSignature = byPixels.signature().outputNames().contains(Signatures.FEATURES);
    }

    public static EmotionClassifier load(Path bundleDir) {
        return new EmotionClassifier(Bundle.load(bundleDir, BundleMetadata.CLASSIFIER));
    }

    public int imageSize() {
        return bundle.metadata().imageSize();
    }

    public BundleMetadata metadata() {
        return bundle.metadata();
    }

    public Path path() {
        return bundle.dir;
    }

    public Prediction classify(BufferedImage image) {
        return classify(List.of(image)).get(0);
    }

    /** Classifies an image file (JPEG, PNG, ...); throws {@link UnreadableImageException} if it is not one. */
    public Prediction classify(Path file) throws UnreadableImageException {
        return classifyPixels(ImageDecoder.decode(file, imageSize()), 1).get(0);
    }

    public List<Prediction> classify(List<BufferedImage> images) {
        byte[] pixels = new byte[images.size() * imageSize() * imageSize() * 3];
        for (int i = 0; i < images.size(); i++) {
            byte[] one = ImageDecoder.toSquareRgb(images.get(i), imageSize());
            System.arraycopy(one, 0, pixels, i * one.length, one.length);
        }
        return classifyPixels(pixels, images.size());
    }

    /** Images already at the model's size, packed uint8 HWC: {@code count × size × size × 3} bytes. */
    public List<Prediction> classifyPixels(byte[] pixels, int count) {
        bundle.checkOpen();
        try (TFloat32 t = pixelTensor(pixels, count);
             Result r = byPixels.call(Map.of("pixels", t))) {
            TFloat32 p = (TFloat32) r.get("probabilities").orElseThrow();
            List<Prediction> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] probs = new float[Emotion.COUNT];
                int best = 0;
                for (int c = 0; c < probs.length; c++) {
                    probs[c] = p.getFloat(i, c);
                    if (probs[c] > probs[best]) {
                        best = c;
                    }
                }
                out.add(new Prediction(Emotion.of(best), probs));
            }
            if (domain == null) {
                return out;
            }
            float[][] features = featuresInSignature
                    ? rows((TFloat32) r.get(Signatures.FEATURES).orElseThrow(), count) // from the same run
                    : featuresPixels(pixels, count);
            List<Prediction> judged = new ArrayList<>(count);
            int bytes = imageSize() * imageSize() * 3;
            if (features.length > 0 && features[0].length != domain.means()[0].length) {
                throw new BundleException(bundle.dir + ": " + Domain.FILE + " was calibrated on " + domain.means()[0].length
                        + " features, the classifier has " + features[0].length + "; run calibrate-domain again");
            }
            for (int i = 0; i < count; i++) {
                double d = domain.distance(features[i]);
                boolean in = domain.inDomain(d, Domain.flatShare(pixels, i * bytes, imageSize()));
                judged.add(new Prediction(out.get(i).emotion(), out.get(i).probabilities(), in, d));
            }
            return judged;
        }
    }

    /** The bundle's calibrated training domain, when it has one ({@code calibrate-domain} writes it). */
    public java.util.Optional<Domain> domain() {
        return java.util.Optional.ofNullable(domain);
    }

    /**
     * The classifier's penultimate layer (the MLP head's hidden activations, after the ReLU) for images
     * already at the model's size, packed uint8 HWC: one row per image. This is the feature space
     * {@code evaluate} measures image quality in. Bundles exported before the {@code features} output
     * existed give the same tensor, found in their graph.
     */
    public float[][] featuresPixels(byte[] pixels, int count) {
        return featuresPixels(pixels, count, !featuresInSignature);
    }

    /** {@link #featuresPixels}, from the signature's output or (also for new bundles) found in the graph. */
    float[][] featuresPixels(byte[] pixels, int count, boolean fromGraph) {
        bundle.checkOpen();
        try (TFloat32 t = pixelTensor(pixels, count)) {
            if (!fromGraph) {
                try (Result r = byPixels.call(Map.of("pixels", t))) {
                    return rows((TFloat32) r.get(Signatures.FEATURES).orElseThrow(), count);
                }
            }
            try (Result r = bundle.model.session().runner().feed("pixels", t).fetch(graphFeatures()).run()) {
                return rows((TFloat32) r.get(0), count);
            }
        }
    }

    /** Width of {@link #featuresPixels}' rows. */
    public int featureSize() {
        byte[] one = new byte[imageSize() * imageSize() * 3];
        return featuresPixels(one, 1)[0].length;
    }

    private static float[][] rows(TFloat32 f, int count) {
        int width = (int) f.shape().get(1);
        float[][] out = new float[count][width];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < width; j++) {
                out[i][j] = f.getFloat(i, j);
            }
        }
        return out;
    }

    /** In an older bundle: probabilities_pixels = Softmax(BiasAdd(MatMul(hidden, w), b)); hidden is the features. */
    private Output<?> graphFeatures() {
        Output<?> found = featuresTensor;
        if (found != null) {
            return found;
        }
        GraphOperation softmax = bundle.model.graph().operation("probabilities_pixels");
        if (softmax == null || !softmax.type().equals("Softmax")) {
            throw new BundleException(bundle.dir + " has no features output and no probabilities_pixels softmax: "
                    + "re-export it with this version of emotion-art");
        }
        Output<?> x = softmax.input(0);
        for (String expected : new String[] {"BiasAdd", "MatMul"}) {
            GraphOperation op = (GraphOperation) x.op();
            if (!op.type().equals(expected)) {
                throw new BundleException(bundle.dir + ": unexpected classifier head (" + op.type() + " where "
                        + expected + " was expected): re-export it with this version of emotion-art");
            }
            x = op.input(0);
        }
        featuresTensor = x;
        return x;
    }

    private TFloat32 pixelTensor(byte[] pixels, int count) {
        if (count < 1 || count > MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + count + " images is out of range: allowed 1.." + MAX_BATCH);
        }
        int s = imageSize();
        if (pixels.length != count * s * s * 3) {
            throw new IllegalArgumentException("expected " + count + " images of " + s + "x" + s + " RGB ("
                    + count * s * s * 3 + " bytes), got " + pixels.length + " bytes");
        }
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = pixels[i] & 0xff;
        }
        return TFloat32.tensorOf(Shape.of(count, s, s, 3), DataBuffers.of(f, true, false));
    }

    @Override
    public void close() {
        bundle.close();
    }
}
