package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The projection discriminator's logit, computed by hand on a tiny spec (16 px, width 2) from the
 * graph's own variables: spectrally normalised 4×4 stride-2 convolutions (TF "SAME": one pixel of
 * padding before) with bias and LeakyReLU(0.2), 16 → 8 → 4; φ = the sum over the 4×4 map;
 * logit = SNLinear(φ) + ⟨SNEmbedding(emotion), φ⟩.
 */
class ProjectionDiscriminatorTest {
    static final GanSpec SPEC = new GanSpec(16, 8, 4, 2);

    @Test
    void logitIsTheUnconditionalScorePlusTheEmbeddingsInnerProductWithTheFeatures() {
        int n = 3;
        int s = SPEC.imageSize();
        SplittableRandom rnd = new SplittableRandom(5);
        float[] images = new float[n * s * s * 3];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) (2 * rnd.nextDouble() - 1);
        }
        float[] oneHot = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 9);
            Operand<TFloat32> x = tf.constant(Shape.of(n, s, s, 3), DataBuffers.of(images));
            Operand<TFloat32> y = tf.constant(Shape.of(n, 3), DataBuffers.of(oneHot));
            Operand<TFloat32> logits = new ProjectionDiscriminator(SPEC).forward(layers, x, y);
            try (Session session = new Session(g)) {
                session.initialize();
                Map<String, Variable<TFloat32>> vars = layers.allVariables();
                // biases start at zero: give them values, so that they are checked too
                for (String b : new String[] {"D_conv0_b", "D_conv1_b", "D_linear_b"}) {
                    float[] v = new float[(int) vars.get(b).shape().size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (0.1 * rnd.nextGaussian());
                    }
                    session.runner().addTarget(tf.assign(vars.get(b), tf.constant(v))).run().close();
                }
                Map<String, float[]> w = new HashMap<>();
                for (var e : vars.entrySet()) {
                    try (Result r = session.runner().fetch(e.getValue()).run()) {
                        w.put(e.getKey(), floats((TFloat32) r.get(0)));
                    }
                }
                float[] got;
                try (Result r = session.runner().fetch(logits).run()) {
                    got = floats((TFloat32) r.get(0));
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(byHand(w, images, i, i), got[i], 1e-4 * Math.max(1, Math.abs(got[i])), "image " + i);
                }
            }
        }
    }

    /** The logit of image {@code i} with emotion {@code emotion}, from the variables' values. */
    private static double byHand(Map<String, float[]> w, float[] images, int i, int emotion) {
        int s = SPEC.imageSize();
        int d = SPEC.dWidth();
        double[][][] x = new double[s][s][3];
        for (int yy = 0; yy < s; yy++) {
            for (int xx = 0; xx < s; xx++) {
                for (int c = 0; c < 3; c++) {
                    x[yy][xx][c] = images[((i * s + yy) * s + xx) * 3 + c];
                }
            }
        }
        double[][][] h = leaky(conv(x, normalised(w, "D_conv0", 4 * 4 * 3, d), w.get("D_conv0_b"), d));
        h = leaky(conv(h, normalised(w, "D_conv1", 4 * 4 * d, 2 * d), w.get("D_conv1_b"), 2 * d));
        double[] phi = new double[2 * d];
        for (double[][] row : h) {
            for (double[] px : row) {
                for (int c = 0; c < phi.length; c++) {
                    phi[c] += px[c];
                }
            }
        }
        double[] linear = normalised(w, "D_linear", 2 * d, 1);
        double[] embed = normalised(w, "D_embed", GanSpec.CLASSES, 2 * d);
        double logit = w.get("D_linear_b")[0];
        for (int c = 0; c < phi.length; c++) {
            logit += linear[c] * phi[c] + embed[emotion * 2 * d + c] * phi[c];
        }
        return logit;
    }

    /** 4×4 stride-2 convolution, "SAME" padding (one pixel before, one after), weight [4, 4, cin, cout] row-major. */
    private static double[][][] conv(double[][][] x, double[] weight, float[] bias, int cout) {
        int in = x.length;
        int cin = x[0][0].length;
        int outSize = in / 2;
        double[][][] y = new double[outSize][outSize][cout];
        for (int oy = 0; oy < outSize; oy++) {
            for (int ox = 0; ox < outSize; ox++) {
                for (int co = 0; co < cout; co++) {
                    double sum = bias[co];
                    for (int ky = 0; ky < 4; ky++) {
                        for (int kx = 0; kx < 4; kx++) {
                            int iy = 2 * oy + ky - 1;
                            int ix = 2 * ox + kx - 1;
                            if (iy < 0 || iy >= in || ix < 0 || ix >= in) {
                                continue;
                            }
                            for (int ci = 0; ci < cin; ci++) {
                                sum += x[iy][ix][ci] * weight[((ky * 4 + kx) * cin + ci) * cout + co];
                            }
                        }
                    }
                    y[oy][ox][co] = sum;
                }
            }
        }
        return y;
    }

    private static double[][][] leaky(double[][][] x) {
        for (double[][] row : x) {
            for (double[] px : row) {
                for (int c = 0; c < px.length; c++) {
                    px[c] = px[c] > 0 ? px[c] : 0.2 * px[c];
                }
            }
        }
        return x;
    }

    /**
     * The weight {@code <name>_w} as a rows × cols matrix divided by one power iteration's σ from the
     * stored {@code <name>_u}: v = norm(u Wᵀ), u' = norm(v W), σ = (v W)·u'.
     */
    private static double[] normalised(Map<String, float[]> w, String name, int rows, int cols) {
        float[] m = w.get(name + "_w");
        float[] u = w.get(name + "_u");
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r] += u[c] * m[r * cols + c];
            }
        }
        normalise(v);
        double[] vw = new double[cols];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                vw[c] += v[r] * m[r * cols + c];
            }
        }
        double[] uNext = vw.clone();
        normalise(uNext);
        double sigma = 0;
        for (int c = 0; c < cols; c++) {
            sigma += vw[c] * uNext[c];
        }
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] / sigma;
        }
        return out;
    }

    private static void normalise(double[] x) {
        double sq = 0;
        for (double v : x) {
            sq += v * v;
        }
        double scale = 1 / Math.sqrt(sq + 1e-12);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
    }

    private static float[] floats(TFloat32 t) {
        float[] f = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(f);
        return f;
    }
}
