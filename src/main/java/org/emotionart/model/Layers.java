package org.emotionart.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The building blocks of our networks, as TensorFlow graph ops (NHWC). A {@code Layers} owns the
 * variables of one network: the first call that names a layer creates its variables, later calls
 * with the same name reuse them, so one network can be applied several times in one graph (the
 * discriminator on real and on fake images; the generator in training and in sampling mode).
 *
 * <p>Variable names are flat ({@code G_deconv0_w}, {@code G_bn0_mean}): TF Java's optimizers name
 * their slots {@code <var>-m}, so names cannot hold '/'. Initial values come from stateless random
 * ops seeded by (seed, variable name), so the same seed gives the same initial network anywhere.
 */
public final class Layers {

    /** How batch norm normalises. */
    public enum Mode {
        /** Batch statistics; the moving averages are updated (training). */
        TRAIN,
        /** Moving averages (normal inference, PyTorch's {@code model.eval()}). */
        INFERENCE,
        /** Batch statistics without updates (PyTorch's train mode used for generation). */
        BATCH_STATS
    }

    public static final float BN_EPSILON = 1e-5f;
    /** PyTorch's BatchNorm momentum: running = (1 - m) * running + m * batch. */
    public static final float BN_MOMENTUM = 0.1f;

    private final Ops tf;
    private final long seed;
    private final Map<String, Variable<TFloat32>> trainable;
    private final Map<String, Variable<TFloat32>> state;
    private final List<Op> updates;
    private final List<SpectralUpdate> spectralUpdates;
    private final UnaryOperator<Operand<TFloat32>> read;

    /** A power-iteration vector and its next value: assign after the optimizer step (see {@link #spectralUpdates()}). */
    public record SpectralUpdate(Variable<TFloat32> u, Operand<TFloat32> next) {
    }

    public Layers(Ops tf, long seed) {
        this(tf, seed, new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), v -> v);
    }

    private Layers(Ops tf, long seed, Map<String, Variable<TFloat32>> trainable, Map<String, Variable<TFloat32>> state,
                   List<Op> updates, List<SpectralUpdate> spectralUpdates, UnaryOperator<Operand<TFloat32>> read) {
        this.tf = tf;
        this.seed = seed;
        this.trainable = trainable;
        this.state = state;
        this.updates = updates;
        this.spectralUpdates = spectralUpdates;
        this.read = read;
    }

    /**
     * The same variables, read only after {@code ops} ran: the generator's update sees the
     * discriminator as it is after the discriminator's update, as in PyTorch's sequential steps.
     */
    public Layers readAfter(Op... ops) {
        Ops after = tf.withControlDependencies(List.of(ops));
        return new Layers(tf, seed, trainable, state, updates, spectralUpdates, v -> after.identity(v));
    }

    /**
     * The same layers over other trainable variables of the same names and shapes (for example an
     * exponential moving average of them), with this one's batch-norm state. For inference graphs.
     */
    public Layers withTrainable(Map<String, Variable<TFloat32>> replacement) {
        return new Layers(tf, seed, new LinkedHashMap<>(replacement), state, new ArrayList<>(), new ArrayList<>(),
                v -> v);
    }

    public Ops tf() {
        return tf;
    }

    /** Weights, biases, BN scales and offsets: what the optimizer updates, in creation order. */
    public List<Variable<TFloat32>> trainableVariables() {
        return List.copyOf(trainable.values());
    }

    /** The trainable variables by name, in creation order. */
    public Map<String, Variable<TFloat32>> trainableByName() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trainable));
    }

    /** Every variable (trainable, then BN moving averages), by name. */
    public Map<String, Variable<TFloat32>> allVariables() {
        Map<String, Variable<TFloat32>> all = new LinkedHashMap<>(trainable);
        all.putAll(state);
        return all;
    }

    /**
     * Spectral-norm power iterations of this network's layers (one per layer, from its first use).
     * The trainer assigns them after the optimizer step, when every pass has read the old vector.
     */
    public List<SpectralUpdate> spectralUpdates() {
        return List.copyOf(spectralUpdates);
    }

    /** Moving-average assignments collected from {@link Mode#TRAIN} batch norms. */
    public List<Op> updates() {
        return List.copyOf(updates);
    }

    // ---------------------------------------------------------------- layers

    /** Conv2d, kernel k×k, stride s, padding "SAME" or "VALID"; weights N(0, 0.02) as in DCGAN. */
    public Operand<TFloat32> conv(String name, Operand<TFloat32> x, int cin, int cout, int k, int stride,
                                  String padding, boolean bias) {
        return conv(name, x, cin, cout, k, stride, padding, bias, 0.02f);
    }

    /** Conv2d with weights N(0, std); filter [k, k, cin, cout] as in Keras' {@code kernel}. */
    public Operand<TFloat32> conv(String name, Operand<TFloat32> x, int cin, int cout, int k, int stride,
                                  String padding, boolean bias, float std) {
        Operand<TFloat32> w = weight(name + "_w", new long[] {k, k, cin, cout}, 0f, std);
        return convolve(name, x, w, k, cin, cout, stride, padding, bias);
    }

    /**
     * The body of {@link #conv} and {@link #snConv}: x * w, plus a zero-initialised bias {@code <name>_b}.
     * The discriminators' 4×4 stride-2 "SAME" layers, on maps of known even height and width, run as
     * {@link #halvingMatMul}; the rest as TF's conv.
     */
    private Operand<TFloat32> convolve(String name, Operand<TFloat32> x, Operand<TFloat32> w, int k, int cin, int cout,
                                       int stride, String padding, boolean bias) {
        Shape in = x.shape();
        boolean evenMap = in.numDimensions() == 4 && in.size(1) > 0 && in.size(1) % 2 == 0
                && in.size(2) > 0 && in.size(2) % 2 == 0;
        Operand<TFloat32> y = k == 4 && stride == 2 && padding.equals("SAME") && evenMap
                ? halvingMatMul(x, w, cin, cout)
                : tf.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), padding);
        return bias ? tf.nn.biasAdd(y, trainableFilled(name + "_b", new long[] {cout}, 0f)) : y;
    }

    /**
     * A 4×4 stride-2 "SAME" convolution (PyTorch's {@code Conv2d(k=4, s=2, p=1)}) as four matrix products:
     * the input padded by one pixel and folded 2×2 into channels (space-to-depth), so each output pixel
     * reads a 2×2 window of 4·cin-channel pixels; each of the four window positions is one product of the
     * shifted folded map, [pixels, 4·cin], with its quarter of the filter, [4·cin, cout], and the four are
     * summed. The same function to float rounding, values and gradients ({@code ConvolutionFormsTest}).
     * oneDNN runs it faster than its stride-2 convolution at widths 16 to 64, and at width 8 faster than
     * leaving the narrow layers to it ({@code training/bench/ConvFormsProbe.java discriminator}); faster too than one product of the four
     * windows side by side (im2col), whose concatenation and its gradient cost more than the product saves
     * (2026-12-07, width 32: 488–537 against 347–382 img/s, alternated). A depthwise convolution with
     * one-hot filters as the im2col measured no faster than the concatenation.
     */
    private Operand<TFloat32> halvingMatMul(Operand<TFloat32> x, Operand<TFloat32> w, int cin, int cout) {
        requireChannels(x, cin);
        int outH = (int) x.shape().size(1) / 2;
        int outW = (int) x.shape().size(2) / 2;
        Operand<TFloat32> folded = tf.nn.spaceToDepth(
                tf.pad(x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), tf.constant(0f)), 2L);
        // w[2a + r, 2b + s, c, o] → [(a, b), (r, s, c), o]: the window (a, b), then space-to-depth's (r, s, c)
        Operand<TFloat32> quarters = tf.reshape(tf.linalg.transpose(tf.reshape(w, tf.constant(new long[] {2, 2, 2, 2, cin, cout})),
                tf.constant(new int[] {0, 2, 1, 3, 4, 5})), tf.constant(new long[] {4, 4L * cin, cout}));
        // constant sizes, so the graph keeps static shapes (a bundle's signature tells its image size)
        Operand<TInt32> window = tf.constant(new int[] {-1, outH, outW, -1});
        Operand<TInt64> rows = tf.constant(new long[] {-1, 4L * cin});
        List<Operand<TFloat32>> products = new ArrayList<>(4);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                Operand<TFloat32> shifted = tf.slice(folded, tf.constant(new int[] {0, a, b, 0}), window);
                Operand<TFloat32> quarter = tf.reshape(tf.slice(quarters, tf.constant(new int[] {2 * a + b, 0, 0}),
                        tf.constant(new int[] {1, 4 * cin, cout})), tf.constant(new long[] {4L * cin, cout}));
                products.add(tf.linalg.matMul(tf.reshape(shifted, rows), quarter));
            }
        }
        return tf.reshape(tf.math.addN(products), tf.constant(new int[] {-1, outH, outW, cout}));
    }

    /**
     * Transposed convolution (PyTorch's ConvTranspose2d, no bias) to an {@code outSize}×{@code outSize}
     * map. The filter is stored as TF's [k, k, cout, cin]. With k4 s2 "SAME" it pads one pixel per side
     * (PyTorch padding=1) and is computed by {@link #phaseProducts}: output row 2i + r reads input rows
     * i - 1 + r + a (a = 0, 1) through tap ky = 3 - 2a - r, likewise the columns. With "VALID" from 1×1 it
     * is PyTorch's (k4, s1, p0): one matrix product, [N, cin] times the filter as [k·k·cout, cin] transposed
     * (TF's kernel took 11.8 ms a step for this small layer at the shipped settings, 1.5 % of op time).
     * Other cases (maps of unknown or unequal height and width, another output size) are TF's kernel.
     */
    public Operand<TFloat32> deconv(String name, Operand<TFloat32> x, int cin, int cout, int k, int stride,
                                    String padding, int outSize) {
        Operand<TFloat32> w = weight(name + "_w", new long[] {k, k, cout, cin}, 0f, 0.02f);
        Shape in = x.shape();
        boolean square = in.numDimensions() == 4 && in.size(1) > 0 && in.size(1) == in.size(2);
        if (k == 4 && stride == 2 && padding.equals("SAME") && square && outSize == 2 * in.size(1)) {
            requireChannels(x, cin);
            // w[ky, kx] is [cout, cin]: the products take it transposed
            return phaseProducts(x, cin, cout, true, (r, s, a, b) -> tf.reshape(
                    tf.slice(w, tf.constant(new int[] {3 - 2 * a - r, 3 - 2 * b - s, 0, 0}), tf.constant(new int[] {1, 1, cout, cin})),
                    tf.constant(new long[] {cout, cin})));
        }
        if (stride == 1 && padding.equals("VALID") && outSize == k && square && in.size(1) == 1) {
            requireChannels(x, cin);
            Operand<TFloat32> product = tf.linalg.matMul(tf.reshape(x, tf.constant(new long[] {-1, cin})),
                    tf.reshape(w, tf.constant(new long[] {(long) k * k * cout, cin})), MatMul.transposeB(true));
            return tf.reshape(product, tf.constant(new int[] {-1, k, k, cout}));
        }
        Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> outShape = tf.concat(List.of(batch, tf.constant(new int[] {outSize, outSize, cout})),
                tf.constant(0));
        return tf.nn.conv2dBackpropInput(outShape, w, x, List.of(1L, (long) stride, (long) stride, 1L), padding);
    }

    /**
     * Nearest-neighbour ×2, then a 3×3 "SAME" convolution without bias (PyTorch's
     * {@code nn.Upsample(scale_factor=2), nn.Conv2d(cin, cout, 3, 1, 1, bias=False)}); filter
     * {@code <name>_w} [3, 3, cin, cout], N(0, 0.02). Computed by {@link #phaseProducts}, without the doubled
     * map: each output pixel of a 2×2 block reads a 2×2 neighbourhood of the input through its own sums of
     * the 3×3 filter's taps ({@link #UPSAMPLE_TAPS}), so 4 multiply-adds per output pixel and input channel
     * instead of 9.
     */
    public Operand<TFloat32> upsampleConv(String name, Operand<TFloat32> x, int cin, int cout) {
        Operand<TFloat32> w = weight(name + "_w", new long[] {3, 3, cin, cout}, 0f, 0.02f);
        requireKnownMap(x);
        requireChannels(x, cin);
        Operand<TFloat32> k = upsampleFilters(w, cin, cout);
        // output row 2i + r, window row a: row r + a of the 3×3 neighbourhood (input rows i - 1 .. i + 1)
        return phaseProducts(x, cin, cout, false, (r, s, a, b) -> tf.reshape(
                tf.slice(k, tf.constant(new int[] {r, s, r + a, s + b, 0, 0}), tf.constant(new int[] {1, 1, 1, 1, cin, cout})),
                tf.constant(new long[] {cin, cout})));
    }

    /**
     * Which filter taps reach which input row, for nearest ×2 + 3×3 conv: output row 2i + r reads the
     * doubled map's rows 2i + r - 1 .. 2i + r + 1 (taps ky = 0, 1, 2), which are the input's rows
     * i + floor((r + ky - 1) / 2). Rows (r, dy) for dy = -1, 0, +1; columns ky; the same for the columns.
     */
    private static final float[][] UPSAMPLE_TAPS = {
        {1, 0, 0}, {0, 1, 1}, {0, 0, 0},    // r = 0: dy -1 ← ky 0; dy 0 ← ky 1, 2
        {0, 0, 0}, {1, 1, 0}, {0, 0, 1},    // r = 1: dy 0 ← ky 0, 1; dy +1 ← ky 2
    };

    /** {@link #UPSAMPLE_TAPS} applied to w [3, 3, cin, cout] along both axes: [r, s, dy, dx, cin, cout]. */
    private Operand<TFloat32> upsampleFilters(Operand<TFloat32> w, int cin, int cout) {
        int t = 3;
        float[] flat = new float[6 * t];
        for (int row = 0; row < 6; row++) {
            System.arraycopy(UPSAMPLE_TAPS[row], 0, flat, row * t, t);
        }
        Operand<TFloat32> m = tf.constant(Shape.of(6, t), DataBuffers.of(flat));
        long cc = (long) cin * cout;
        // along the rows: [(r, dy), (kx, cin, cout)]; then along the columns: [(s, dx), (r, dy, cin, cout)]
        Operand<TFloat32> k = tf.linalg.matMul(m, tf.reshape(w, tf.constant(new long[] {t, t * cc})));
        k = tf.linalg.transpose(tf.reshape(k, tf.constant(new long[] {6, t, cc})), tf.constant(new int[] {1, 0, 2}));
        k = tf.linalg.matMul(m, tf.reshape(k, tf.constant(new long[] {t, 6 * cc})));
        return tf.linalg.transpose(tf.reshape(k, tf.constant(new long[] {2, 3, 2, 3, cin, cout})),
                tf.constant(new int[] {2, 0, 3, 1, 4, 5}));
    }

    private static void requireKnownMap(Operand<TFloat32> x) {
        Shape in = x.shape();
        if (in.numDimensions() != 4 || in.size(1) < 0 || in.size(2) < 0) {
            throw new IllegalArgumentException("a doubling layer needs maps of known height and width, got " + in);
        }
    }

    /** The products reshape x to [pixels, cin]: a map of other depth would be read wrongly, not refused by TF. */
    private static void requireChannels(Operand<TFloat32> x, int cin) {
        long depth = x.shape().size(x.shape().numDimensions() - 1);
        if (depth >= 0 && depth != cin) {
            throw new IllegalArgumentException("a layer of " + cin + " input channels got a map of " + depth + ": " + x.shape());
        }
    }

    /** The filter of output phase (r, s) for window offset (a, b): [cin, cout], or [cout, cin] if transposed. */
    private interface PhaseTap {
        Operand<TFloat32> filter(int r, int s, int a, int b);
    }

    /**
     * A layer that doubles the map, as sums of matrix products (its polyphase form): output pixel
     * (2i + r, 2j + s) is the sum over a, b in {0, 1} of input pixel (i - 1 + r + a, j - 1 + s + b), zero
     * outside the map, times {@code taps.filter(r, s, a, b)}. The nine shifted copies of the input are
     * shared by the sixteen products; the four output phases side by side go to their pixels by
     * depth-to-space. The same function as the layers it stands for, to float rounding, values and gradients
     * ({@code ConvolutionFormsTest}). Measured with {@code training/bench/ConvFormsProbe.java generator|deconv}:
     * faster than four 2×2 convolutions (the resize layer's form before 2026-12-07) at widths 16 to 64, and
     * than TF's transposed-convolution kernel at width 64 (level with it at 16 and 32).
     */
    private Operand<TFloat32> phaseProducts(Operand<TFloat32> x, int cin, int cout, boolean transposed, PhaseTap taps) {
        int h = (int) x.shape().size(1);
        int w = (int) x.shape().size(2);
        Operand<TFloat32> padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), tf.constant(0f));
        // constant sizes, so the graph keeps static shapes (a bundle's signature tells its image size)
        Operand<TInt32> window = tf.constant(new int[] {-1, h, w, -1});
        Operand<TInt64> rows = tf.constant(new long[] {-1, cin});
        List<List<Operand<TFloat32>>> shifted = new ArrayList<>(3);    // [u][v]: input pixel (i - 1 + u, j - 1 + v)
        for (int u = 0; u < 3; u++) {
            List<Operand<TFloat32>> row = new ArrayList<>(3);
            for (int v = 0; v < 3; v++) {
                // the centre is the input itself: one slice (and its gradient's pad) fewer
                row.add(tf.reshape(u == 1 && v == 1 ? x : tf.slice(padded, tf.constant(new int[] {0, u, v, 0}), window), rows));
            }
            shifted.add(row);
        }
        List<Operand<TFloat32>> phases = new ArrayList<>(4);
        for (int r = 0; r < 2; r++) {
            for (int s = 0; s < 2; s++) {
                List<Operand<TFloat32>> products = new ArrayList<>(4);
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        products.add(tf.linalg.matMul(shifted.get(r + a).get(s + b), taps.filter(r, s, a, b),
                                MatMul.transposeB(transposed)));
                    }
                }
                phases.add(tf.math.addN(products));
            }
        }
        // channel (r·2 + s)·cout + c → pixel (2i + r, 2j + s), channel c
        Operand<TFloat32> side = tf.reshape(tf.concat(phases, tf.constant(1)), tf.constant(new int[] {-1, h, w, 4 * cout}));
        return tf.nn.depthToSpace(side, 2L);
    }

    /** BatchNorm2d over NHWC channels, eps 1e-5, momentum 0.1; gamma N(1, 0.02), beta 0. */
    public Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x, int channels, Mode mode) {
        Operand<TFloat32> gamma = weight(name + "_gamma", new long[] {channels}, 1f, 0.02f);
        Operand<TFloat32> beta = trainableFilled(name + "_beta", new long[] {channels}, 0f);
        if (mode == Mode.INFERENCE) {
            return tf.nn.fusedBatchNorm(x, gamma, beta, stateVariable(name + "_mean", channels, 0f),
                    stateVariable(name + "_var", channels, 1f),
                    FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(false)).y();
        }
        Operand<TFloat32> empty = tf.constant(new float[0]);
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, empty, empty,
                FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(true));
        if (mode == Mode.TRAIN) {
            // batchVariance is the unbiased variance, as PyTorch uses for running_var
            updates.add(movingAverage(stateVariable(name + "_mean", channels, 0f), bn.batchMean()));
            updates.add(movingAverage(stateVariable(name + "_var", channels, 1f), bn.batchVariance()));
        }
        return bn.y();
    }

    public Operand<TFloat32> relu(Operand<TFloat32> x) {
        return tf.nn.relu(x);
    }

    public Operand<TFloat32> leakyRelu(Operand<TFloat32> x) {
        return tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(0.2f));
    }

    /**
     * Conv2d whose weight is divided by its largest singular value (spectral normalisation, Miyato et
     * al. 2018), estimated by one power iteration per step with a persistent vector {@code <name>_u}.
     */
    public Operand<TFloat32> snConv(String name, Operand<TFloat32> x, int cin, int cout, int k, int stride,
                                    String padding, boolean bias) {
        Operand<TFloat32> w = spectralNormalized(name, weight(name + "_w", new long[] {k, k, cin, cout}, 0f, 0.02f),
                k * k * cin, cout);
        return convolve(name, x, w, k, cin, cout, stride, padding, bias);
    }

    /** Fully connected layer with a spectrally normalised weight. */
    public Operand<TFloat32> snDense(String name, Operand<TFloat32> x, int in, int out, boolean bias) {
        Operand<TFloat32> w = spectralNormalized(name, weight(name + "_w", new long[] {in, out}, 0f, 0.02f), in, out);
        Operand<TFloat32> y = tf.linalg.matMul(x, w);
        return bias ? tf.nn.biasAdd(y, trainableFilled(name + "_b", new long[] {out}, 0f)) : y;
    }

    private Operand<TFloat32> spectralNormalized(String name, Operand<TFloat32> w, int rows, int cols) {
        boolean first = !state.containsKey(name + "_u");
        Variable<TFloat32> uVar = state.computeIfAbsent(name + "_u", n -> {
            Ops init = tf.withInitScope();
            Operand<TFloat32> r = init.random.statelessRandomNormal(init.constant(new long[] {1, cols}),
                    init.constant(new long[] {seed, nameHash(n)}));
            return tf.withName(n).withInitScope().variable(init.math.div(r, init.math.sqrt(
                    init.reduceSum(init.math.square(r), init.constant(new int[] {0, 1})))));
        });
        Operand<TFloat32> matrix = tf.reshape(w, tf.constant(new int[] {rows, cols}));
        Operand<TFloat32> u = read.apply(uVar);
        Operand<TFloat32> v = tf.stopGradient(l2Normalize(tf.linalg.matMul(u, matrix,
                MatMul.transposeB(true))));
        Operand<TFloat32> uNext = tf.stopGradient(l2Normalize(tf.linalg.matMul(v, matrix)));
        Operand<TFloat32> sigma = tf.reduceSum(tf.math.mul(tf.linalg.matMul(v, matrix), uNext),
                tf.constant(new int[] {0, 1}));
        if (first) {
            spectralUpdates.add(new SpectralUpdate(uVar, uNext));
        }
        return tf.math.div(w, sigma);
    }

    private Operand<TFloat32> l2Normalize(Operand<TFloat32> x) {
        return tf.math.mul(x, tf.math.rsqrt(tf.math.add(tf.reduceSum(tf.math.square(x), tf.constant(new int[] {0, 1})),
                tf.constant(1e-12f))));
    }

    /**
     * ProGAN's minibatch standard deviation (Karras et al. 2018, section 3): the standard deviation over the
     * batch of every feature at every position, averaged to one number, appended as one more channel.
     * [N, H, W, C] → [N, H, W, C + 1]. A batch of alike paintings gets a smaller number than a varied one.
     * The whole batch is one group, as in the paper; real and generated batches go through D separately.
     */
    public Operand<TFloat32> minibatchStd(Operand<TFloat32> x) {
        Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, tf.constant(0), org.tensorflow.op.math.Mean.keepDims(true)));
        Operand<TFloat32> std = tf.math.sqrt(tf.math.add(tf.math.mean(tf.math.square(centred), tf.constant(0)),
                tf.constant(1e-8f)));
        Operand<TFloat32> spread = tf.math.mean(std, tf.constant(new int[] {0, 1, 2}));
        // [N, H, W, 1] of zeros (tf.fill: OnesLike and ZerosLike have no gradient) plus the spread
        Operand<TInt32> planeShape = tf.concat(List.of(
                tf.stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {3}), tf.constant(new int[] {1})),
                tf.constant(new int[] {1})), tf.constant(0));
        Operand<TFloat32> plane = tf.math.add(tf.fill(planeShape, tf.constant(0f)), spread);
        return tf.concat(List.of(x, plane), tf.constant(3));
    }

    /** 2×2 max pooling, stride 2. */
    public Operand<TFloat32> maxPool(Operand<TFloat32> x) {
        return tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
    }

    /** Mean over height and width: [N, H, W, C] → [N, C]. */
    public Operand<TFloat32> globalAveragePool(Operand<TFloat32> x) {
        return tf.math.mean(x, tf.constant(new int[] {1, 2}));
    }

    /** [N, ...] → [N, features]. */
    public Operand<TFloat32> flatten(Operand<TFloat32> x, int features) {
        return tf.reshape(x, tf.constant(new int[] {-1, features}));
    }

    /**
     * Inverted dropout: zeroes each value with probability {@code rate} and scales the rest by
     * 1/(1-rate). The mask is stateless random from {@code seed} (int64 [2], fed per step); it is a
     * Mul by a constant-per-step mask, which differentiates correctly (unlike SelectV2 here).
     */
    public Operand<TFloat32> dropout(Operand<TFloat32> x, float rate, Operand<? extends org.tensorflow.types.family.TNumber> seed) {
        Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(x), seed, TFloat32.class);
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
        return tf.math.mul(x, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
    }

    /** He-normal standard deviation for a layer with {@code fanIn} inputs (ReLU networks). */
    public static float heStd(int fanIn) {
        return (float) Math.sqrt(2.0 / fanIn);
    }

    /** Fully connected layer x·W + b; W ~ N(0, std). */
    public Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out, float std) {
        Operand<TFloat32> w = weight(name + "_w", new long[] {in, out}, 0f, std);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), trainableFilled(name + "_b", new long[] {out}, 0f));
    }

    // ---------------------------------------------------------------- variables

    /** A trainable variable initialised N(mean, std) from the stateless seed (this.seed, name). */
    public Operand<TFloat32> weight(String name, long[] shape, float mean, float std) {
        Variable<TFloat32> v = trainable.get(name);
        if (v == null) {
            Ops init = tf.withInitScope();
            Operand<TFloat32> normal = init.random.statelessRandomNormal(init.constant(shape),
                    init.constant(new long[] {seed, nameHash(name)}));
            v = tf.withName(name).withInitScope().variable(
                    init.math.add(init.math.mul(normal, init.constant(std)), init.constant(mean)));
            trainable.put(name, v);
        }
        return read.apply(v);
    }

    /** A trainable variable whose initial value is {@code value} everywhere (biases, BN offsets). */
    public Operand<TFloat32> trainableFilled(String name, long[] shape, float value) {
        Variable<TFloat32> v = trainable.get(name);
        if (v == null) {
            Ops init = tf.withInitScope();
            v = tf.withName(name).withInitScope().variable(init.fill(init.constant(shape), init.constant(value)));
            trainable.put(name, v);
        }
        return read.apply(v);
    }

    private Variable<TFloat32> stateVariable(String name, int channels, float value) {
        return state.computeIfAbsent(name, n -> {
            Ops init = tf.withInitScope();
            return tf.withName(n).withInitScope().variable(
                    init.fill(init.constant(new long[] {channels}), init.constant(value)));
        });
    }

    private Op movingAverage(Variable<TFloat32> v, Operand<TFloat32> batchValue) {
        // v <- v + m * (batch - v)
        return tf.assignAdd(v, tf.math.mul(tf.constant(BN_MOMENTUM), tf.math.sub(batchValue, v)));
    }

    private static long nameHash(String name) {
        long h = 1125899906842597L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }
}
