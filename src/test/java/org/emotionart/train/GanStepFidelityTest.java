package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.emotionart.Npy;
import org.emotionart.model.GanSpec;
import org.emotionart.model.NamedWeights;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Our training step against PyTorch's on the same weights and batch (fixture made by
 * src/test/resources/fixtures/pytorch-step/make_step.py from the original architecture).
 */
class GanStepFidelityTest {
    static final Path DIR = fixtures();

    @Test
    void oneTrainingStepMatchesThePyTorchOriginal() throws Exception {
        GanSpec spec = new GanSpec(64, 100, 4, 4);
        float[] realF = npy("real").values();
        byte[] real = new byte[realF.length];
        for (int i = 0; i < real.length; i++) {
            real[i] = (byte) (int) realF[i];
        }
        float[] labelsF = npy("labels").values();
        int[] labels = new int[labelsF.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) labelsF[i];
        }
        try (Graph g = new Graph()) {
            GanGraph net = new GanGraph(g, spec, new GanSettings(8, 2e-4f, 0.5f, 0.999f, 0));
            try (Session s = new Session(g)) {
                s.initialize();
                NamedWeights.assign(net.generatorLayers, s, generator("G."));
                NamedWeights.assign(net.discriminatorLayers, s, discriminator("D."));
                float[] losses = net.run(s, new GanGraph.StepInputs(64, real, labels, npy("z").values(), new long[] {0, 0}));
                assertEquals(npy("dloss").values()[0], losses[0], 1e-5, "D loss: the same forward pass");
                assertEquals(npy("gloss").values()[0], losses[1], 0.01 * npy("gloss").values()[0],
                        "G loss through the updated D");
                Map<String, NamedWeights.Weight> before = generator("G.");
                before.putAll(discriminator("D."));
                Map<String, NamedWeights.Weight> after = generator("G1.");
                after.putAll(discriminator("D1."));
                Map<String, Variable<TFloat32>> vars = new HashMap<>(net.generatorLayers.allVariables());
                vars.putAll(net.discriminatorLayers.allVariables());
                long same = 0;
                long moved = 0;
                for (var e : vars.entrySet()) {
                    float[] ours = values(s, e.getValue());
                    float[] w0 = before.get(e.getKey()).values();
                    float[] w1 = after.get(e.getKey()).values();
                    boolean discriminator = e.getKey().startsWith("D_");
                    for (int i = 0; i < ours.length; i++) {
                        double theirs = w1[i] - w0[i];
                        double mine = ours[i] - w0[i];
                        if (Math.abs(theirs) < 1e-6) {
                            continue; // running statistics, untouched parameters
                        }
                        moved++;
                        if (Math.signum(theirs) == Math.signum(mine)) {
                            same++;
                            if (discriminator) {
                                // Adam's first step is ±lr; TF's Adam puts epsilon outside the bias
                                // correction and TF Java's applies the second step's correction: ~0.94 lr
                                assertEquals(Math.abs(theirs), Math.abs(mine), 0.1 * Math.abs(theirs), e.getKey());
                            }
                        } else if (discriminator) {
                            throw new AssertionError(e.getKey() + "[" + i + "] moved the other way: " + mine + " vs "
                                    + theirs);
                        }
                    }
                }
                // G's first Adam step is the sign of its gradient; where the gradient is almost zero the
                // small difference of D's update can flip it
                System.out.println("parameters moving the same way as in PyTorch: " + same + " of " + moved);
                assertTrue(same > 0.8 * moved, same + " of " + moved);
            }
        }
    }

    static Path fixtures() {
        try {
            return Path.of(GanStepFidelityTest.class.getResource("/fixtures/pytorch-step/real.npy").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Npy npy(String name) throws Exception {
        return Npy.read(DIR.resolve(name + ".npy"));
    }

    static float[] values(Session s, Variable<TFloat32> v) {
        try (Result r = s.runner().fetch(v).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] out = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(out);
            return out;
        }
    }

    /** PyTorch [a, b, k, k] → [k, k, b, a] (ConvTranspose2d [in, out] → TF [out, in]) or [k, k, in, out] for Conv2d. */
    static float[] kernel(Npy w, boolean transposed) {
        int a = w.shape()[0];
        int b = w.shape()[1];
        int k = w.shape()[2];
        float[] out = new float[w.values().length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        // both layouts put PyTorch's dim 1 before dim 0: [k, k, b, a]
                        out[((y * k + x) * b + j) * a + i] = w.values()[((i * b + j) * k + y) * k + x];
                    }
                }
            }
        }
        return out;
    }

    static Map<String, NamedWeights.Weight> generator(String p) throws Exception {
        Map<String, NamedWeights.Weight> m = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            Npy w = npy(p + "gen." + 3 * i + ".weight");
            m.put("G_deconv" + i + "_w", new NamedWeights.Weight(new long[] {4, 4, w.shape()[1], w.shape()[0]}, kernel(w, true)));
            if (i < 4) {
                bn(m, "G_bn" + i, p + "gen." + (3 * i + 1) + ".", w.shape()[1], true);
            }
        }
        return m;
    }

    static Map<String, NamedWeights.Weight> discriminator(String p) throws Exception {
        Map<String, NamedWeights.Weight> m = new HashMap<>();
        int[] conv = {0, 2, 5, 8, 11};
        for (int i = 0; i < conv.length; i++) {
            Npy w = npy(p + "disc." + conv[i] + ".weight");
            m.put("D_conv" + i + "_w", new NamedWeights.Weight(new long[] {4, 4, w.shape()[1], w.shape()[0]}, kernel(w, false)));
            if (i == 0 || i == conv.length - 1) {
                m.put("D_conv" + i + "_b", new NamedWeights.Weight(new long[] {w.shape()[0]},
                        npy(p + "disc." + conv[i] + ".bias").values()));
            } else {
                bn(m, "D_bn" + i, p + "disc." + (conv[i] + 1) + ".", w.shape()[0], false);
            }
        }
        return m;
    }

    static void bn(Map<String, NamedWeights.Weight> m, String ours, String theirs, int c, boolean running) throws Exception {
        m.put(ours + "_gamma", new NamedWeights.Weight(new long[] {c}, npy(theirs + "weight").values()));
        m.put(ours + "_beta", new NamedWeights.Weight(new long[] {c}, npy(theirs + "bias").values()));
        if (running) {
            m.put(ours + "_mean", new NamedWeights.Weight(new long[] {c}, npy(theirs + "running_mean").values()));
            m.put(ours + "_var", new NamedWeights.Weight(new long[] {c}, npy(theirs + "running_var").values()));
        }
    }
}
