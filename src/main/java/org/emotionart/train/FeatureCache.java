package org.emotionart.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import org.emotionart.data.ImageSet;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.Fingerprints;
import org.emotionart.util.Progress;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * A frozen backbone's feed: its features of K views of every training image (view 0 plain, the
 * others augmented) and of every validation image, computed once and kept in
 * {@code RUN_DIR/feature-cache/} as little-endian float32 files ({@code train-view<v>-<key>.f32},
 * {@code validation-<key>.f32}). Each epoch picks one view of every training image at random, so
 * augmentation still varies between epochs without running the backbone again.
 *
 * <p>The key is a SHA-256 fingerprint ({@link Fingerprints}) of what the features depend on: the
 * classifier's shape, the weights file, the images' paths, the views, the seed and the validation
 * share. A file of another key, or of the wrong length, is not read: the features are computed again.
 */
final class FeatureCache implements ClassifierFeed {
    /** Bumped when what the files hold changes, which makes every earlier cache a miss. */
    static final int FORMAT_VERSION = 1;

    private final ClassifierGraph net;
    private final int features;
    private final long seed;
    private final float[][] train;
    private final float[] validation;

    private FeatureCache(ClassifierGraph net, long seed, float[][] train, float[] validation) {
        this.net = net;
        this.features = net.backbone.featureSize();
        this.seed = seed;
        this.train = train;
        this.validation = validation;
    }

    /** Reads the run's cached features, computing (and writing) those that are missing. */
    static FeatureCache load(Session session, ClassifierGraph net, ClassifierRunConfig config, ImageSet data,
                             StratifiedSplit split, Path runDir) throws IOException {
        int views = Math.max(1, config.views());
        Path dir = runDir.resolve("feature-cache");
        String key = key(config, data, views);
        Files.createDirectories(dir);
        Extractor extractor = new Extractor(session, net, data, config.batch(), config.seed());
        float[][] trainViews = new float[views][];
        for (int v = 0; v < views; v++) {
            trainViews[v] = extractor.cached(dir.resolve("train-view" + v + "-" + key + ".f32"), split.train(),
                    v == 0 ? null : (long) v, "features (view " + (v + 1) + "/" + views + ")");
        }
        float[] valFeatures = extractor.cached(dir.resolve("validation-" + key + ".f32"), split.validation(), null,
                "features (validation)");
        return new FeatureCache(net, config.seed(), trainViews, valFeatures);
    }

    /** 32 hex digits of the SHA-256 of everything the cached features depend on. */
    static String key(ClassifierRunConfig config, ImageSet data, int views) {
        return Fingerprints.hex(Fingerprints.sha256(out -> {
            out.writeUTF("emotion-art feature cache");
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(config.spec().toString());
            out.writeUTF(String.valueOf(config.weights()));
            out.writeInt(data.count());
            for (String path : data.paths()) {
                out.writeUTF(path);
            }
            out.writeInt(views);
            out.writeLong(config.seed());
            out.writeFloat(config.validationFraction());
        }), 16);
    }

    @Override
    public Operand<?> input() {
        return net.features;
    }

    @Override
    public Operand<TFloat32> logits() {
        return net.featureLogits;
    }

    @Override
    public Operand<TFloat32> loss() {
        return net.featureLoss;
    }

    /** One view per image, chosen by (seed, epoch, image): augmentation that varies between epochs. */
    @Override
    public Tensor trainBatch(int[] idx, int epoch) {
        float[] out = new float[idx.length * features];
        for (int i = 0; i < idx.length; i++) {
            int view = new SplittableRandom(seed ^ (epoch * 0xBF58476D1CE4E5B9L) ^ (idx[i] * 0x94D049BB133111EBL))
                    .nextInt(train.length);
            System.arraycopy(train[view], idx[i] * features, out, i * features, features);
        }
        return tensor(out);
    }

    @Override
    public Tensor validationBatch(int[] idx) {
        float[] out = new float[idx.length * features];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(validation, idx[i] * features, out, i * features, features);
        }
        return tensor(out);
    }

    private TFloat32 tensor(float[] rows) {
        return TFloat32.tensorOf(Shape.of(rows.length / features, features), DataBuffers.of(rows, true, false));
    }

    /** Runs the backbone over images in batches, or reads what an earlier run wrote. */
    private record Extractor(Session session, ClassifierGraph net, ImageSet data, int batch, long seed) {

        /** The features of {@code images} (plain, or augmented as {@code view}), from {@code file} when it holds them. */
        float[] cached(Path file, int[] images, Long view, String task) throws IOException {
            int f = net.backbone.featureSize();
            float[] out = new float[images.length * f];
            if (Files.exists(file) && Files.size(file) == (long) out.length * 4) {
                try (FileChannel ch = FileChannel.open(file)) {
                    ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, Files.size(file))
                            .order(ByteOrder.LITTLE_ENDIAN);
                    buf.asFloatBuffer().get(out);
                }
                return out;
            }
            compute(images, view, task, out);
            AtomicFiles.write(file, os -> {
                ByteBuffer buf = ByteBuffer.allocate(out.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(out);
                os.write(buf.array());
            });
            return out;
        }

        private void compute(int[] images, Long view, String task, float[] out) {
            int f = net.backbone.featureSize();
            Operand<TFloat32> fetch = view == null ? net.plainFeatures : net.augmentedFeatures;
            try (ProgressBar bar = Progress.bar(task, images.length, "img")) {
                for (int from = 0; from < images.length; from += batch) {
                    int n = Math.min(batch, images.length - from);
                    int[] idx = new int[n];
                    for (int i = 0; i < n; i++) {
                        idx[i] = from + i;
                    }
                    try (TUint8 px = PixelFeed.pixels(data, images, idx);
                         TInt64 seedT = TInt64.vectorOf(seed + (view == null ? 0 : view), from);
                         Result r = session.runner().feed(net.pixels, px).feed(net.seed, seedT).fetch(fetch).run()) {
                        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out, from * f, n * f);
                    }
                    bar.stepBy(n);
                }
            }
        }
    }
}
