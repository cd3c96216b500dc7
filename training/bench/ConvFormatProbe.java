import java.util.ArrayList;
import java.util.List;
import org.emotionart.model.SessionConfig;
import org.emotionart.train.MatMulPeak;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * Would the convolutions run faster in NCHW than in the NHWC layout the networks use? A
 * discriminator-like stack (64 px, four 4x4 stride-2 convolutions, widths W..8W, LeakyReLU 0.2, batch
 * 64), forward and every gradient (input and weights), timed in both layouts, alternated, beside a
 * TF MatMul peak measured in the same run.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/ConvFormatProbe.java [W [STEPS]]
 */
public class ConvFormatProbe {
    static final int BATCH = 64;

    public static void main(String[] args) {
        int w = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double peak = MatMulPeak.gflops(SessionConfig.defaults(), 2048, 5);
        double gflopPerImage = 3 * 2 * forwardMacs(w) / 1e9;   // forward, input gradient, weight gradient
        for (int round = 0; round < 2; round++) {
            for (String format : new String[] {"NHWC", "NCHW"}) {
                double rate = run(w, format, steps);
                System.out.printf("width %d %s: %.0f img/s, %.1f GFLOP/s = %.1f%% of the MatMul peak (%.0f GFLOP/s)%n",
                        w, format, rate, rate * gflopPerImage, 100 * rate * gflopPerImage / peak, peak);
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

    static double run(int w, String format, int steps) {
        boolean nchw = format.equals("NCHW");
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            long[] shape = nchw ? new long[] {BATCH, 3, 64, 64} : new long[] {BATCH, 64, 64, 3};
            Variable<TFloat32> x = tf.withInitScope().variable(
                    tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(new long[] {1, 2})));
            List<Operand<TFloat32>> vars = new ArrayList<>(List.of(x));
            List<Long> strides = nchw ? List.of(1L, 1L, 2L, 2L) : List.of(1L, 2L, 2L, 1L);
            Operand<TFloat32> h = x;
            int cin = 3;
            long seed = 5;
            for (int cout : new int[] {w, 2 * w, 4 * w, 8 * w}) {
                Variable<TFloat32> k = tf.withInitScope().variable(tf.math.mul(tf.random.statelessRandomNormal(
                        tf.constant(new long[] {4, 4, cin, cout}), tf.constant(new long[] {seed++, 2})), tf.constant(0.02f)));
                vars.add(k);
                h = tf.nn.leakyRelu(tf.nn.conv2d(h, k, strides, "SAME", Conv2d.dataFormat(format)), LeakyRelu.alpha(0.2f));
                cin = cout;
            }
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
