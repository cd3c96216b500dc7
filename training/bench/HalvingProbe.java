import java.util.ArrayList;
import java.util.List;
import org.emotionart.model.Layers;
import org.emotionart.model.SessionConfig;
import org.emotionart.train.MatMulPeak;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * The discriminators' 4×4 stride-2 convolutions as TF's conv2d against the one matrix product that
 * {@code Layers.conv} builds for them (space-to-depth, im2col, MatMul): a discriminator-like stack (64 px,
 * four layers, widths W..8W, LeakyReLU 0.2, batch 64), forward and every gradient (input and filters),
 * alternated, beside a TF MatMul peak measured in the same run.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/HalvingProbe.java [W [STEPS]]
 */
public class HalvingProbe {
    static final int BATCH = 64;

    public static void main(String[] args) {
        int w = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double peak = MatMulPeak.gflops(SessionConfig.defaults(), 2048, 5);
        double gflopPerImage = 3 * 2 * forwardMacs(w) / 1e9;   // forward, input gradient, weight gradient
        for (int round = 0; round < 2; round++) {
            for (boolean ours : new boolean[] {false, true}) {
                double rate = run(w, ours, steps);
                System.out.printf("width %d %s: %.0f img/s, %.1f GFLOP/s = %.1f%% of the MatMul peak (%.0f GFLOP/s)%n",
                        w, ours ? "as a MatMul" : "TF's conv2d", rate, rate * gflopPerImage,
                        100 * rate * gflopPerImage / peak, peak);
            }
        }
    }

    static double forwardMacs(int w) {
        double macs = 0;
        int cin = 3;
        int size = 64;
        for (int cout : new int[] {w, 2 * w, 4 * w, 8 * w}) {
            size /= 2;
            macs += (double) size * size * cout * 16 * cin;
            cin = cout;
        }
        return macs;
    }

    static double run(int w, boolean ours, int steps) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 1);
            Variable<TFloat32> x = tf.withInitScope().variable(tf.withInitScope().random.statelessRandomNormal(
                    tf.withInitScope().constant(new long[] {BATCH, 64, 64, 3}), tf.withInitScope().constant(new long[] {1, 2})));
            Operand<TFloat32> h = x;
            int cin = 3;
            int i = 0;
            for (int cout : new int[] {w, 2 * w, 4 * w, 8 * w}) {
                String name = "L" + i++;
                Operand<TFloat32> y = layers.conv(name, h, cin, cout, 4, 2, "SAME", false);   // creates L<i>_w
                if (!ours) {
                    y = tf.nn.conv2d(h, layers.trainableByName().get(name + "_w"), List.of(1L, 2L, 2L, 1L), "SAME");
                }
                h = tf.nn.leakyRelu(y, LeakyRelu.alpha(0.2f));
                cin = cout;
            }
            List<Operand<TFloat32>> vars = new ArrayList<>(List.of(x));
            vars.addAll(layers.trainableVariables());
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(h), tf.constant(new int[] {0, 1, 2, 3}));
            var grads = tf.gradients(loss, vars);
            try (Session s = new Session(g, SessionConfig.defaults())) {
                s.initialize();
                long t0 = 0;
                for (int step = 0; step < steps + 5; step++) {
                    if (step == 5) {
                        t0 = System.nanoTime();
                    }
                    Session.Runner r = s.runner();
                    for (int j = 0; j < vars.size(); j++) {
                        r.fetch(grads.dy(j));
                    }
                    try (Result res = r.run()) {
                        // the gradients are fetched so nothing is pruned
                    }
                }
                return (double) BATCH * steps / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
