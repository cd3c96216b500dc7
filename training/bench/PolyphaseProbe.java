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
import org.tensorflow.types.TFloat32;

/**
 * The resize generator's doubling layers (nearest ×2 + 3×3 convolution) as TensorFlow's own ops against
 * the polyphase form that {@code Layers.upsampleConv} builds (four 2×2 convolutions and a depth-to-space):
 * a generator-like stack from 4×4 to 64 px (widths 8W, 4W, 2W, W, 3; batch 64; ReLU, tanh at the end),
 * forward and every gradient (input and filters), alternated, beside a TF MatMul peak measured in the
 * same run. The share of peak counts the layer's nominal multiply-adds as {@code TrainingFlops} does (9
 * taps per pixel of the doubled map), so it reads as the speed-up. (Commit e22a235's version also timed
 * the 4×4 stride-2 transposed convolution in the same form, {@code deconv}: slower than TF's kernel.)
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/PolyphaseProbe.java [W [STEPS]]
 */
public class PolyphaseProbe {
    static final int BATCH = 64;

    public static void main(String[] args) {
        int w = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        double peak = MatMulPeak.gflops(SessionConfig.defaults(), 2048, 5);
        double gflopPerImage = 3 * 2 * forwardMacs(w) / 1e9;
        for (int round = 0; round < 2; round++) {
            for (boolean ours : new boolean[] {false, true}) {
                double rate = run(w, ours, steps);
                System.out.printf("width %d %s: %.0f img/s, %.1f GFLOP/s = %.1f%% of the MatMul peak (%.0f GFLOP/s)%n",
                        w, ours ? "polyphase" : "TF's ops ", rate, rate * gflopPerImage,
                        100 * rate * gflopPerImage / peak, peak);
            }
        }
    }

    static double forwardMacs(int w) {
        double macs = 0;
        int cin = 8 * w;
        int size = 4;
        for (int cout : new int[] {4 * w, 2 * w, w, 3}) {
            size *= 2;
            macs += (double) size * size * cin * cout * 9;
            cin = cout;
        }
        return macs;
    }

    static double run(int w, boolean ours, int steps) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 1);
            Variable<TFloat32> x = tf.withInitScope().variable(tf.withInitScope().random.statelessRandomNormal(
                    tf.withInitScope().constant(new long[] {BATCH, 4, 4, 8L * w}), tf.withInitScope().constant(new long[] {1, 2})));
            Operand<TFloat32> h = x;
            int cin = 8 * w;
            int size = 4;
            int[] widths = {4 * w, 2 * w, w, 3};
            for (int i = 0; i < widths.length; i++) {
                int cout = widths[i];
                size *= 2;
                String name = "L" + i;
                Operand<TFloat32> y = layers.upsampleConv(name, h, cin, cout);   // creates L<i>_w
                if (!ours) {
                    y = tf.nn.conv2d(tf.image.resizeNearestNeighbor(h, tf.constant(new int[] {size, size})),
                            layers.trainableByName().get(name + "_w"), List.of(1L, 1L, 1L, 1L), "SAME");
                }
                h = y;
                h = i + 1 < widths.length ? tf.nn.relu(h) : tf.math.tanh(h);
                cin = cout;
            }
            List<Operand<TFloat32>> vars = new ArrayList<>(List.of(x));
            vars.addAll(layers.trainableVariables());
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(h), tf.constant(new int[] {0, 1, 2, 3}));
            var grads = tf.gradients(loss, vars);
            try (Session s = new Session(g, SessionConfig.defaults())) {
                s.initialize();
                long t0 = 0;
                for (int i = 0; i < steps + 5; i++) {
                    if (i == 5) {
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
