package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Spectral normalisation ({@link Layers#snDense}, {@link Layers#snConv}): once the power iteration has
 * run for enough steps, the weight a layer applies has largest singular value 1, i.e. the raw weight
 * divided by its largest singular value, as an SVD computes it.
 */
class SpectralNormTest {
    static final int ITERATIONS = 300;

    @Test
    void aDenseLayersWeightEndsWithLargestSingularValueOne() {
        int in = 7;
        int out = 5;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 42);
            // x = I: the layer's output is its normalised weight
            Operand<TFloat32> applied = layers.snDense("t", tf.constant(identity(in)), in, out, false);
            assertNormalised(g, tf, layers, applied, "t_w", in, out);
        }
    }

    @Test
    void aConvolutionsWeightEndsWithLargestSingularValueOne() {
        int k = 2;
        int cin = 3;
        int cout = 4;
        int rows = k * k * cin;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 7);
            // one k×k×cin image per weight row, one-hot at that row: a VALID k×k convolution reads the row
            float[][][][] oneHot = new float[rows][k][k][cin];
            for (int r = 0; r < rows; r++) {
                oneHot[r][r / (k * cin)][(r / cin) % k][r % cin] = 1f;
            }
            Operand<TFloat32> y = layers.snConv("c", tf.constant(oneHot), cin, cout, k, 1, "VALID", false);
            Operand<TFloat32> applied = tf.reshape(y, tf.constant(new int[] {rows, cout}));
            assertNormalised(g, tf, layers, applied, "c_w", rows, cout);
        }
    }

    /** Runs the power iteration, then compares the applied weight with raw / σ₁(raw) and checks σ₁(applied) ≈ 1. */
    private static void assertNormalised(Graph g, Ops tf, Layers layers, Operand<TFloat32> applied,
                                         String weightName, int rows, int cols) {
        List<Op> updates = new ArrayList<>();
        for (Layers.SpectralUpdate u : layers.spectralUpdates()) {
            updates.add(tf.assign(u.u(), u.next()));
        }
        Operand<TFloat32> raw = tf.reshape(layers.trainableByName().get(weightName), tf.constant(new int[] {rows, cols}));
        try (Session s = new Session(g)) {
            s.initialize();
            for (int i = 0; i < ITERATIONS; i++) {
                Session.Runner run = s.runner();
                updates.forEach(run::addTarget);
                run.run().close();
            }
            try (Result r = s.runner().fetch(applied).fetch(raw).run()) {
                DMatrixRMaj a = matrix((TFloat32) r.get(0), rows, cols);
                DMatrixRMaj w = matrix((TFloat32) r.get(1), rows, cols);
                double sigmaRaw = largestSingularValue(w);
                assertEquals(1.0, largestSingularValue(a), 1e-3, "σ₁ of the applied weight");
                for (int i = 0; i < rows * cols; i++) {
                    assertEquals(w.get(i) / sigmaRaw, a.get(i), 1e-4, "entry " + i + " is raw / σ₁(raw)");
                }
            }
        }
    }

    private static double largestSingularValue(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols,
                false, false, true);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("SVD failed");
        }
        double[] sv = svd.getSingularValues();
        double max = 0;
        for (int i = 0; i < svd.numberOfSingularValues(); i++) {
            max = Math.max(max, sv[i]);
        }
        return max;
    }

    private static DMatrixRMaj matrix(TFloat32 t, int rows, int cols) {
        float[] f = new float[rows * cols];
        t.asRawTensor().data().asFloats().read(f);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < f.length; i++) {
            m.set(i, f[i]);
        }
        return m;
    }

    private static float[][] identity(int n) {
        float[][] id = new float[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1f;
        }
        return id;
    }
}
