package org.emotionart.eval;

import java.nio.file.Path;
import org.emotionart.model.InceptionV3;
import org.emotionart.model.InceptionWeights;
import org.emotionart.model.SessionConfig;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * FID's own feature space: Keras' InceptionV3 (ImageNet weights from the user's
 * {@value InceptionWeights#NOTOP}), images resized bilinearly to 299 px, the 2,048 pooled features.
 * This is what a user with real WikiArt compares against published FIDs (which also use these
 * weights' network; exact agreement with pytorch-fid's port is not claimed).
 */
public final class InceptionFeatures implements FeatureExtractor, AutoCloseable {
    static final int BATCH = 32;

    private final Path file;
    private final int width;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> images;
    private final Operand<TFloat32> features;

    public InceptionFeatures(Path weightsFile) {
        InceptionWeights weights = InceptionWeights.read(weightsFile);
        this.file = weightsFile;
        this.width = weights.featureSize();
        this.graph = new Graph();
        Ops tf = Ops.create(graph);
        images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
        features = InceptionV3.features(tf, images, weights);
        session = new Session(graph, SessionConfig.defaults());
    }

    @Override
    public String description() {
        return String.format("InceptionV3 pooled features (%d-d) of %s, images resized to %d px", width, file,
                InceptionV3.INPUT_SIZE);
    }

    @Override
    public double[][] features(byte[] pixels, int count, int size) {
        double[][] out = new double[count][];
        int bpi = size * size * 3;
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            float[] f = new float[n * bpi];
            for (int i = 0; i < f.length; i++) {
                f[i] = pixels[from * bpi + i] & 0xff;
            }
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(n, size, size, 3), DataBuffers.of(f, true, false));
                 Result r = session.runner().feed(images, t).fetch(features).run()) {
                TFloat32 v = (TFloat32) r.get(0);
                for (int i = 0; i < n; i++) {
                    double[] row = new double[width];
                    for (int j = 0; j < width; j++) {
                        row[j] = v.getFloat(i, j);
                    }
                    out[from + i] = row;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
