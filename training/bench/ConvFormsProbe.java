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
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * How fast the networks' convolutions run in one form or another: a stack like one network's (batch 64,
 * forward and every gradient, input and filters), two forms alternated twice, beside a TF MatMul peak
 * measured in the same run. The share of peak counts each stack's nominal multiply-adds, so within a
 * mode it reads as the speed-up.
 *
 * <ul>
 *   <li>{@code nchw}: a discriminator-like stack (64 px, four 4×4 stride-2 convolutions, widths W..8W,
 *       LeakyReLU 0.2) as TF's conv2d in NHWC, the networks' layout, against NCHW.</li>
 *   <li>{@code discriminator}: the same stack as TF's conv2d against {@code Layers.conv}, which runs the
 *       4×4 stride-2 layers on even maps as matrix products (space-to-depth, one product per window position).</li>
 *   <li>{@code generator}: a resize generator-like stack (4 → 64 px, widths 8W, 4W, 2W, W, 3; ReLU, tanh at
 *       the end) as TF's nearest ×2 + 3×3 conv2d against {@code Layers.upsampleConv}, their polyphase form
 *       (counted at the doubled map's 9 taps per pixel).</li>
 *   <li>{@code deconv}: a DCGAN generator-like stack (4 → 64 px, 4×4 stride-2 transposed convolutions, widths
 *       8W, 4W, 2W, W, 3) as TF's kernel against {@code Layers.deconv}, their polyphase form (sums of matrix
 *       products). With {@code -Dcol2im=true} the second form is instead one matrix product per layer and an
 *       overlap-add (col2im), checked against TF's first ({@code -DminCout=32} keeps TF's for the narrow last
 *       layer); on 2026-12-07 (Zen 4, width 32) that measured 192–215 against TF's 299–348 img/s.</li>
 * </ul>
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/ConvFormsProbe.java MODE [W [STEPS]]
 */
public class ConvFormsProbe {
    static final int BATCH = 64;

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "";
        if (!List.of("nchw", "discriminator", "generator", "deconv").contains(mode)) {
            System.err.println("usage: ConvFormsProbe.java nchw|discriminator|generator|deconv [W [STEPS]]");
            System.exit(2);
        }
        int w = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        double peak = MatMulPeak.gflops(SessionConfig.defaults(), 2048, 5);
        boolean generator = mode.equals("generator");
        boolean deconv = mode.equals("deconv");
        // a transposed-convolution stack is the discriminator-like stack run backwards: the same multiply-adds
        double gflopPerImage = 3 * 2 * (generator ? generatorMacs(w) : discriminatorMacs(w)) / 1e9;
        String[] forms = switch (mode) {
            case "nchw" -> new String[] {"NHWC", "NCHW"};
            case "discriminator" -> new String[] {"TF's conv2d", "Layers.conv"};
            case "deconv" -> new String[] {"TF's conv2dBackpropInput", Boolean.getBoolean("col2im") ? "MatMul + col2im" : "Layers.deconv"};
            default -> new String[] {"TF's ops", "Layers.upsampleConv"};
        };
        if (deconv) {
            checkCol2im();
        }
        for (int round = 0; round < 2; round++) {
            for (int form = 0; form < 2; form++) {
                double rate = generator ? generator(w, form == 1, steps) : deconv ? deconvStack(w, form == 1, steps)
                        : discriminator(w, mode, form == 1, steps);
                System.out.printf("%s width %d, %s: %.0f img/s, %.1f GFLOP/s = %.1f%% of the MatMul peak (%.0f GFLOP/s)%n",
                        mode, w, forms[form], rate, rate * gflopPerImage, 100 * rate * gflopPerImage / peak, peak);
            }
        }
    }

    static double discriminatorMacs(int w) {
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

    static double generatorMacs(int w) {
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

    /**
     * A DCGAN generator-like stack, 4 → 64 px, widths 8W, 4W, 2W, W, 3, of 4×4 stride-2 transposed convolutions:
     * {@code ours}: {@code Layers.deconv} (or col2im with {@code -Dcol2im=true}), else TF's kernel.
     */
    static double deconvStack(int w, boolean ours, int steps) {
        return doublingStack(w, steps, (tf, layers, h, name, cin, cout, size) -> {
            if (ours && Boolean.getBoolean("col2im") && cout >= MIN_COUT) {
                return col2im(tf, h, layers.weight(name + "_w", new long[] {4, 4, cout, cin}, 0f, 0.02f), cin, cout, size / 2);
            }
            return ours
                    ? layers.deconv(name, h, cin, cout, 4, 2, "SAME", size)
                    : tf.nn.conv2dBackpropInput(tf.constant(new int[] {BATCH, size, size, cout}),
                            layers.weight(name + "_w", new long[] {4, 4, cout, cin}, 0f, 0.02f), h, List.of(1L, 2L, 2L, 1L), "SAME");
        });
    }

    /** One layer of a generator-like stack: {@code h} [BATCH, size / 2, size / 2, cin] → [BATCH, size, size, cout]. */
    interface DoublingLayer {
        Operand<TFloat32> apply(Ops tf, Layers layers, Operand<TFloat32> h, String name, int cin, int cout, int size);
    }

    /** A generator-like stack from 4×4×8W to 64×64×3 (widths 4W, 2W, W, 3; ReLU, tanh at the end), timed. */
    static double doublingStack(int w, int steps, DoublingLayer layer) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 1);
            Variable<TFloat32> x = input(tf, new long[] {BATCH, 4, 4, 8L * w});
            Operand<TFloat32> h = x;
            int cin = 8 * w;
            int size = 4;
            int[] widths = {4 * w, 2 * w, w, 3};
            for (int i = 0; i < widths.length; i++) {
                int cout = widths[i];
                size *= 2;
                Operand<TFloat32> y = layer.apply(tf, layers, h, "L" + i, cin, cout, size);
                h = i + 1 < widths.length ? tf.nn.relu(y) : tf.math.tanh(y);
                cin = cout;
            }
            return time(g, tf, layers, x, h, steps);
        }
    }

    /** col2im against TF's transposed convolution on one random layer: the largest difference. */
    static void checkCol2im() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 3);
            int cin = 5;
            int cout = 7;
            int hw = 6;
            Variable<TFloat32> x = input(tf, new long[] {2, hw, hw, cin});
            Operand<TFloat32> ref = layers.deconv("L", x, cin, cout, 4, 2, "SAME", 2 * hw);
            Operand<TFloat32> ours = col2im(tf, x, layers.weight("L_w", new long[] {4, 4, cout, cin}, 0f, 0.02f), cin, cout, hw);
            Operand<TFloat32> diff = tf.reduceMax(tf.math.abs(tf.math.sub(ref, ours)), tf.constant(new int[] {0, 1, 2, 3}));
            Operand<TFloat32> scale = tf.reduceMax(tf.math.abs(ref), tf.constant(new int[] {0, 1, 2, 3}));
            try (Session s = new Session(g)) {
                s.initialize();
                try (Result r = s.runner().fetch(diff).fetch(scale).run()) {
                    System.out.printf("col2im check: largest difference %.3g of values up to %.3g%n",
                            ((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat());
                }
            }
        }
    }

    static final int MIN_COUT = Integer.getInteger("minCout", 1);

    /**
     * A 4×4 stride-2 "SAME" transposed convolution as one product and an overlap-add: each input pixel times
     * w as [cin, (ky, kx, cout)] gives its 4×4 patch of the output; output row 2m + p sums the patches' rows
     * ky = 1 (of input row m) and 3 (of m - 1) for p = 0, ky = 2 (of m) and 0 (of m + 1) for p = 1; the same
     * along the columns.
     */
    static Operand<TFloat32> col2im(Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, int cin, int cout, int hw) {
        Operand<TFloat32> m = tf.reshape(tf.linalg.transpose(w, tf.constant(new int[] {3, 0, 1, 2})),
                tf.constant(new long[] {cin, 16L * cout}));
        Operand<TFloat32> y = tf.reshape(tf.linalg.matMul(tf.reshape(x, tf.constant(new long[] {-1, cin})), m),
                tf.constant(new long[] {-1, hw, hw, 16L * cout}));
        // rows: blocks of 4·cout (kx, cout) per ky
        Operand<TFloat32> yp = tf.pad(y, tf.constant(new int[][] {{0, 0}, {1, 1}, {0, 0}, {0, 0}}), tf.constant(0f));
        int b = 4 * cout;
        Operand<TFloat32> even = tf.math.add(cut(tf, yp, 1, 0, hw, hw, b, 1), cut(tf, yp, 0, 0, hw, hw, b, 3));
        Operand<TFloat32> odd = tf.math.add(cut(tf, yp, 1, 0, hw, hw, b, 2), cut(tf, yp, 2, 0, hw, hw, b, 0));
        Operand<TFloat32> rows = tf.reshape(tf.concat(List.of(even, odd), tf.constant(2)),
                tf.constant(new long[] {-1, 2L * hw, hw, b}));
        Operand<TFloat32> rp = tf.pad(rows, tf.constant(new int[][] {{0, 0}, {0, 0}, {1, 1}, {0, 0}}), tf.constant(0f));
        Operand<TFloat32> evenC = tf.math.add(cut(tf, rp, 0, 1, 2 * hw, hw, cout, 1), cut(tf, rp, 0, 0, 2 * hw, hw, cout, 3));
        Operand<TFloat32> oddC = tf.math.add(cut(tf, rp, 0, 1, 2 * hw, hw, cout, 2), cut(tf, rp, 0, 2, 2 * hw, hw, cout, 0));
        return tf.reshape(tf.concat(List.of(evenC, oddC), tf.constant(3)),
                tf.constant(new long[] {-1, 2L * hw, 2L * hw, cout}));
    }

    /** x[:, r0 : r0 + h, c0 : c0 + w, block · b : (block + 1) · b]. */
    static Operand<TFloat32> cut(Ops tf, Operand<TFloat32> x, int r0, int c0, int h, int w, int b, int block) {
        return tf.slice(x, tf.constant(new int[] {0, r0, c0, block * b}), tf.constant(new int[] {-1, h, w, b}));
    }

    /** The discriminator-like stack; {@code second}: NCHW (mode nchw) or {@code Layers.conv}. */
    static double discriminator(int w, String mode, boolean second, int steps) {
        boolean nchw = second && mode.equals("nchw");
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 1);
            Variable<TFloat32> x = input(tf, nchw ? new long[] {BATCH, 3, 64, 64} : new long[] {BATCH, 64, 64, 3});
            List<Long> strides = nchw ? List.of(1L, 1L, 2L, 2L) : List.of(1L, 2L, 2L, 1L);
            Operand<TFloat32> h = x;
            int cin = 3;
            int i = 0;
            for (int cout : new int[] {w, 2 * w, 4 * w, 8 * w}) {
                String name = "L" + i++;
                // the same variable L<i>_w [4, 4, cin, cout], N(0, 0.02), either way
                Operand<TFloat32> y = second && mode.equals("discriminator")
                        ? layers.conv(name, h, cin, cout, 4, 2, "SAME", false)
                        : tf.nn.conv2d(h, layers.weight(name + "_w", new long[] {4, 4, cin, cout}, 0f, 0.02f), strides,
                                "SAME", Conv2d.dataFormat(nchw ? "NCHW" : "NHWC"));
                h = tf.nn.leakyRelu(y, LeakyRelu.alpha(0.2f));
                cin = cout;
            }
            return time(g, tf, layers, x, h, steps);
        }
    }

    /** The generator-like stack; {@code ours}: {@code Layers.upsampleConv}, else TF's resize and conv2d. */
    static double generator(int w, boolean ours, int steps) {
        // the same variable L<i>_w [3, 3, cin, cout], N(0, 0.02), either way
        return doublingStack(w, steps, (tf, layers, h, name, cin, cout, size) -> ours
                ? layers.upsampleConv(name, h, cin, cout)
                : tf.nn.conv2d(tf.image.resizeNearestNeighbor(h, tf.constant(new int[] {size, size})),
                        layers.weight(name + "_w", new long[] {3, 3, cin, cout}, 0f, 0.02f), List.of(1L, 1L, 1L, 1L), "SAME"));
    }

    static Variable<TFloat32> input(Ops tf, long[] shape) {
        Ops init = tf.withInitScope();
        return init.variable(init.random.statelessRandomNormal(init.constant(shape), init.constant(new long[] {1, 2})));
    }

    /** Images per second of forward and every gradient (the input's and the filters'), after 5 untimed steps. */
    static double time(Graph g, Ops tf, Layers layers, Variable<TFloat32> x, Operand<TFloat32> out, int steps) {
        List<Operand<TFloat32>> vars = new ArrayList<>(List.of(x));
        vars.addAll(layers.trainableVariables());
        Operand<TFloat32> loss = tf.math.mean(tf.math.square(out), tf.constant(new int[] {0, 1, 2, 3}));
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
