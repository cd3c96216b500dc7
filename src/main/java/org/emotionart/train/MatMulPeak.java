package org.emotionart.train;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * This machine's attainable FP32 rate, measured as TensorFlow runs a large matrix product here and
 * now (so that a "% of peak" never quotes another machine's figure): the best of a few runs of an
 * N×N by N×N MatMul, 2·N³ FLOP each.
 */
public final class MatMulPeak {
    private MatMulPeak() {
    }

    /** GFLOP/s of the best of {@code runs} products of size {@code n} (after one untimed run). */
    public static double gflops(ConfigProto config, int n, int runs) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> a = tf.random.statelessRandomNormal(tf.constant(new long[] {n, n}),
                    tf.constant(new long[] {1, 2}));
            Operand<TFloat32> b = tf.random.statelessRandomNormal(tf.constant(new long[] {n, n}),
                    tf.constant(new long[] {3, 4}));
            var va = tf.withInitScope().variable(a);
            var vb = tf.withInitScope().variable(b);
            Operand<TFloat32> sum = tf.math.mean(tf.linalg.matMul(va, vb), tf.constant(new int[] {0, 1}));
            try (Session s = new Session(g, config)) {
                s.initialize();
                double best = Double.MAX_VALUE;
                for (int i = -1; i < runs; i++) {
                    long t0 = System.nanoTime();
                    try (Result r = s.runner().fetch(sum).run()) {
                        // the mean is fetched so the product cannot be pruned
                    }
                    if (i >= 0) {
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                }
                return 2.0 * n * n * n / best / 1e9;
            }
        }
    }
}
