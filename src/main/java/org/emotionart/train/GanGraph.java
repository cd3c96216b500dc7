package org.emotionart.train;

import java.util.ArrayList;
import java.util.List;
import org.emotionart.model.DiscriminatorNetwork;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Generator;
import org.emotionart.model.Layers;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The training graph of the conditional GAN, one {@code session.run(step)} per training step, with
 * the same definition of a step as the PyTorch original and its reference step benchmark:
 * <ol>
 *   <li>fake = G(z, emotion) (batch-norm batch statistics; moving averages updated);</li>
 *   <li>D update: loss = (BCE(D(fake), 0) + BCE(D(real), 1)) / 2, Adam on D's variables only;</li>
 *   <li>G update: loss = BCE(D'(fake), 1) where D' is D after its update, Adam on G's variables only.</li>
 * </ol>
 * With {@code settings.loss()} hinge the two losses are relu(1 − D(x)) + relu(1 + D(G(z))) and −D'(G(z))
 * (means over the batch); with a {@code dLearningRate} D's Adam runs at its own rate (TTUR); with a decay
 * ({@link GanSettings#decays()}) both rates are multiplied by {@link GanSettings#learningRateScale} of the step
 * ({@link ScheduledAdam}, which is also the Adam of constant rates).
 * Real images come in as uint8 and are scaled to [-1, 1] in the graph. A second, inference-mode copy of
 * the generator (batch-norm moving averages; the EMA weights when there are) renders the sample grids
 * and the paintings that {@link QualityProbe} measures.
 *
 * <p>With {@code settings.ema() > 0} the step also keeps an exponential moving average of each
 * trainable generator variable, {@code EMA_name ← d·EMA_name + (1 − d)·name} after the G update, with
 * {@code d = min(ema, (1 + step) / (10 + step))} (TensorFlow's {@code ExponentialMovingAverage} with
 * {@code num_updates}) from zeros, or from the raw weights when a run trained without it turns it on at
 * {@code --resume} ({@link #startAverages}); the averages are saved in every checkpoint beside the raw
 * weights, and {@code export-gan} exports them (with the raw batch-norm moving averages).
 *
 * <p>With {@code settings.modeSeeking() = λ > 0} the generator's loss gains MSGAN's mode-seeking term
 * (Mao et al. 2019), {@code λ / (r + 1e-5)}, where r is the mean, over every pair of the batch's fakes
 * asked for the same emotion, of RMS distance of the two paintings (pixels in [-1, 1]) / RMS distance of
 * their noise: all pairs from one Gram matrix rather than MSGAN's one pair per image, and RMS because
 * that is the diversity {@code evaluate} reports.
 *
 * <p>With {@code settings.r1() = γ > 0} D's loss gains R1's gradient penalty (Mescheder et al. 2018),
 * γ/2 · mean over the real batch of |∇ₓD(x)|², x the real paintings as D sees them (after DiffAugment): it
 * pulls D towards zero slope on the real paintings, where unregularised GAN training circles around its
 * equilibrium instead of converging. The projection discriminator only (second-order gradients through
 * the original's batch norm do not exist in TensorFlow).
 */
final class GanGraph {
    final Placeholder<TUint8> real;
    final Placeholder<TInt32> labels;
    final Placeholder<TFloat32> z;
    /** int64 [2]: the step's seed for DiffAugment's random shifts and cutouts. */
    final Placeholder<TInt64> augmentSeed;
    final Op step;
    final Operand<TFloat32> dLoss;
    final Operand<TFloat32> gLoss;
    /** Mean D(x) on real images and mean D(G(z)) before the D update, as probabilities. */
    final Operand<TFloat32> dReal;
    final Operand<TFloat32> dFake;
    /** Mean over the real batch of |∇ₓD(x)|² before the D update: what R1 penalises ({@code settings.r1()}). */
    final Operand<TFloat32> realGradientNorm;
    private final GanSettings settings;

    /** The EMA copies of the generator's trainable variables, by the raw variable's name (empty without EMA). */
    final java.util.Map<String, Variable<TFloat32>> ema = new java.util.LinkedHashMap<>();
    /** Sets every EMA copy to its raw variable: how an average started on --resume begins (null without EMA). */
    final Op emaStart;

    /** The two networks' variables (for tests that set or read them). */
    final Layers generatorLayers;
    final Layers discriminatorLayers;

    final Placeholder<TFloat32> sampleZ;
    final Placeholder<TInt32> sampleLabels;
    final Operand<TUint8> samples;

    GanGraph(Graph graph, GanSpec spec, GanSettings settings) {
        this(graph, spec, settings, Conditioning.CONCAT);
    }

    GanGraph(Graph graph, GanSpec spec, GanSettings settings, Conditioning conditioning) {
        if (settings.r1() > 0 && conditioning != Conditioning.PROJECTION) {
            throw new IllegalArgumentException("the R1 penalty needs the projection discriminator: the concat one's "
                    + "batch norm has no second-order gradient");
        }
        if (settings.r1() > 0 && spec.minibatchStd()) {
            throw new IllegalArgumentException("the R1 penalty and the minibatch standard deviation do not go together: "
                    + "its square root has no second-order gradient");
        }
        Ops tf = Ops.create(graph);
        this.settings = settings;
        real = tf.withName("real").placeholder(TUint8.class);
        labels = tf.withName("labels").placeholder(TInt32.class);
        z = tf.withName("z").placeholder(TFloat32.class);
        augmentSeed = tf.withName("augment_seed").placeholder(TInt64.class);
        int size = spec.imageSize();
        java.util.function.BiFunction<Operand<TFloat32>, Long, Operand<TFloat32>> seen = (images, pass) ->
                settings.diffAugment() ? DiffAugment.apply(tf, images,
                        tf.math.add(augmentSeed, tf.constant(new long[] {0, pass << 40})), size) : images;
        Operand<TFloat32> realImages = tf.math.sub(
                tf.math.div(tf.dtypes.cast(real, TFloat32.class), tf.constant(127.5f)), tf.constant(1f));
        Operand<TFloat32> oneHot = Generator.oneHot(tf, labels);

        Generator generator = new Generator(spec);
        DiscriminatorNetwork discriminator = conditioning.discriminator(spec);
        Layers g = new Layers(tf, settings.seed());
        Layers d = new Layers(tf, settings.seed() + 1);
        generatorLayers = g;
        discriminatorLayers = d;

        Operand<TFloat32> fake = generator.forward(g, z, oneHot, Layers.Mode.TRAIN);

        // D update on a fake and a real batch
        Operand<TFloat32> dFakeLogits = discriminator.forward(d, seen.apply(tf.stopGradient(fake), 1L), oneHot);
        Operand<TFloat32> realSeen = seen.apply(realImages, 2L);
        Operand<TFloat32> dRealLogits = discriminator.forward(d, realSeen, oneHot);
        boolean hinge = GanSettings.HINGE.equals(settings.loss());
        dLoss = hinge
                ? tf.math.add(hinge(tf, dRealLogits, -1f), hinge(tf, dFakeLogits, 1f))
                : tf.math.div(tf.math.add(bce(tf, dFakeLogits, 0f), bce(tf, dRealLogits, 1f)), tf.constant(2f));
        // built always (a graph runs only what is fetched), a term of D's loss and fetched with --r1
        realGradientNorm = realGradientNorm(tf, dRealLogits, realSeen);
        Operand<TFloat32> dObjective = settings.r1() > 0 ? tf.math.add(dLoss, tf.withName("r1_penalty").math.mul(
                tf.constant(settings.r1() / 2f), realGradientNorm)) : dLoss;
        Operand<TFloat32> lrScale = settings.decays() ? learningRateScale(tf, settings) : null;
        Optimizer adamD = adam(graph, "AdamD", settings.discriminatorLearningRate(), lrScale, settings);
        Op applyD = adamD.applyGradients(Gradients.of(tf, dObjective, d.trainableVariables()), "trainD");
        // spectral-norm vectors move on after the update, when every pass has read the old ones
        List<Op> dOps = new ArrayList<>(List.of(applyD));
        for (Layers.SpectralUpdate u : d.spectralUpdates()) {
            dOps.add(tf.withControlDependencies(List.of(applyD)).assign(u.u(), u.next()));
        }
        Op trainD = tf.withControlDependencies(dOps).noOp();

        // G update through the updated D
        Operand<TFloat32> gLogits = discriminator.forward(d.readAfter(trainD), seen.apply(fake, 3L), oneHot);
        Operand<TFloat32> adversarial = hinge ? tf.math.neg(tf.math.mean(gLogits, tf.constant(new int[] {0, 1})))
                : bce(tf, gLogits, 1f);
        gLoss = settings.modeSeeking() > 0
                ? tf.math.add(adversarial, modeSeeking(tf, fake, z, labels, size * size * 3, spec.zDim(),
                        settings.modeSeeking()))
                : adversarial;
        Optimizer adamG = adam(graph, "AdamG", settings.learningRate(), lrScale, settings);
        Op trainG = adamG.applyGradients(Gradients.of(tf, gLoss, g.trainableVariables()), "trainG");

        List<Op> stepOps = new ArrayList<>(g.updates());
        stepOps.add(trainG);
        if (settings.ema() > 0) {
            Ops after = tf.withControlDependencies(List.of(trainG));
            Operand<TFloat32> t = after.dtypes.cast(after.gather(augmentSeed, after.constant(1), after.constant(0)),
                    TFloat32.class);
            Operand<TFloat32> decay = after.math.minimum(after.constant(settings.ema()),
                    after.math.div(after.math.add(t, after.constant(1f)), after.math.add(t, after.constant(10f))));
            Operand<TFloat32> keep = after.math.sub(after.constant(1f), decay);
            Ops init = tf.withInitScope();
            List<Op> copies = new ArrayList<>();
            for (var entry : g.trainableByName().entrySet()) {
                Variable<TFloat32> v = entry.getValue();
                Variable<TFloat32> avg = tf.withName(GanSettings.EMA_PREFIX + entry.getKey()).withInitScope()
                        .variable(init.fill(init.constant(v.shape().asArray()), init.constant(0f)));
                ema.put(entry.getKey(), avg);
                stepOps.add(after.assign(avg, after.math.add(after.math.mul(avg, decay), after.math.mul(v, keep))));
                copies.add(tf.assign(avg, v));
            }
            emaStart = tf.withControlDependencies(copies).withName("ema_start").noOp();
        } else {
            emaStart = null;
        }
        step = tf.withControlDependencies(stepOps).withName("train_step").noOp();
        dReal = tf.math.mean(tf.math.sigmoid(dRealLogits), tf.constant(new int[] {0, 1}));
        dFake = tf.math.mean(tf.math.sigmoid(dFakeLogits), tf.constant(new int[] {0, 1}));

        sampleZ = tf.withName("sample_z").placeholder(TFloat32.class);
        sampleLabels = tf.withName("sample_labels").placeholder(TInt32.class);
        // the generator that is exported: the moving average when there is one
        Layers exported = ema.isEmpty() ? g : g.withTrainable(ema);
        samples = Generator.toPixels(tf,
                generator.forward(exported, sampleZ, Generator.oneHot(tf, sampleLabels), Layers.Mode.INFERENCE));
    }

    /** One step's feed: uint8 real images [B, S, S, 3], emotions [B], noise [B, zDim]. */
    record StepInputs(int size, byte[] real, int[] labels, float[] z, long[] augmentSeed) {
    }

    /** Starts the moving average from the generator's current weights (a run that turns --ema on at --resume). */
    void startAverages(Session session) {
        if (emaStart == null) {
            throw new IllegalStateException("this graph keeps no moving average (--ema 0)");
        }
        session.runner().addTarget(emaStart).run().close();
    }

    /** Runs one training step; returns D loss, G loss, mean D(x), mean D(G(z)) (and with R1, mean |∇ₓD(x)|²). */
    float[] run(Session session, StepInputs in) {
        return run(session, in, null);
    }

    /** One step as {@link #run(Session, StepInputs)}, with TensorFlow's full trace of every op it ran. */
    org.tensorflow.proto.RunMetadata traced(Session session, StepInputs in) {
        org.tensorflow.proto.RunMetadata[] metadata = new org.tensorflow.proto.RunMetadata[1];
        run(session, in, metadata);
        return metadata[0];
    }

    private float[] run(Session session, StepInputs in, org.tensorflow.proto.RunMetadata[] metadata) {
        int batch = in.labels().length;
        try (TUint8 realT = TUint8.tensorOf(Shape.of(batch, in.size(), in.size(), 3), DataBuffers.of(in.real(), true, false));
             TInt32 labelsT = TInt32.vectorOf(in.labels());
             TFloat32 zT = TFloat32.tensorOf(Shape.of(batch, in.z().length / batch), DataBuffers.of(in.z(), true, false));
             TInt64 seedT = TInt64.vectorOf(in.augmentSeed())) {
            Session.Runner runner = session.runner().feed(real, realT).feed(labels, labelsT).feed(z, zT)
                    .feed(augmentSeed, seedT).addTarget(step).fetch(dLoss).fetch(gLoss).fetch(dReal).fetch(dFake);
            boolean r1 = settings.r1() > 0;
            if (r1) {
                runner.fetch(realGradientNorm);
            }
            if (metadata != null) {
                runner.setOptions(org.tensorflow.proto.RunOptions.newBuilder()
                        .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build());
            }
            try (Result r = metadata != null ? runner.runAndFetchMetadata() : runner.run()) {
                if (metadata != null) {
                    metadata[0] = r.getMetadata().orElseThrow();
                }
                float[] out = new float[r1 ? 5 : 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((TFloat32) r.get(i)).getFloat();
                }
                return out;
            }
        }
    }

    /** Adam at {@code rate}, or at {@code rate × scale} when the rates decay. */
    private static Optimizer adam(Graph graph, String name, float learningRate, Operand<TFloat32> scale,
                                  GanSettings s) {
        Ops tf = Ops.create(graph);
        Operand<TFloat32> rate = scale == null ? tf.constant(learningRate) : tf.math.mul(tf.constant(learningRate), scale);
        return new ScheduledAdam(graph, name, rate, s.beta1(), s.beta2(), 1e-8f);
    }

    /** {@link GanSettings#learningRateScale} of the step fed in {@code augment_seed[1]}, in the graph. */
    private Operand<TFloat32> learningRateScale(Ops tf, GanSettings s) {
        Operand<TFloat32> t = tf.dtypes.cast(tf.gather(augmentSeed, tf.constant(1), tf.constant(0)), TFloat32.class);
        Operand<TFloat32> left = tf.math.div(tf.math.sub(tf.constant((float) s.decayTo()), t),
                tf.constant((float) (s.decayTo() - s.decayFrom())));
        return tf.withName("learning_rate_scale").math.minimum(tf.constant(1f), tf.math.maximum(tf.constant(0f), left));
    }

    /**
     * λ / (r + 1e-5), r the mean over pairs i ≠ j of one emotion of rms(fake_i − fake_j) / rms(z_i − z_j)
     * (1 when the batch has no such pair, which leaves only a constant).
     */
    static Operand<TFloat32> modeSeeking(Ops tf, Operand<TFloat32> fake, Operand<TFloat32> z, Operand<TInt32> labels,
                                         int pixels, int zDim, float lambda) {
        Operand<TFloat32> dImages = pairwiseRms(tf, tf.reshape(fake, tf.constant(new long[] {-1, pixels})), pixels);
        Operand<TFloat32> dNoise = pairwiseRms(tf, tf.reshape(z, tf.constant(new long[] {-1, zDim})), zDim);
        Operand<TInt32> rows = tf.expandDims(labels, tf.constant(1));
        Operand<TInt32> cols = tf.expandDims(labels, tf.constant(0));
        Operand<TInt32> index = tf.range(tf.constant(0), tf.size(labels), tf.constant(1));
        Operand<TFloat32> sameEmotion = tf.dtypes.cast(tf.math.equal(rows, cols), TFloat32.class);
        Operand<TFloat32> otherImage = tf.dtypes.cast(tf.math.notEqual(tf.expandDims(index, tf.constant(1)),
                tf.expandDims(index, tf.constant(0))), TFloat32.class);
        Operand<TFloat32> pairs = tf.math.mul(sameEmotion, otherImage);
        Operand<TInt32> all = tf.constant(new int[] {0, 1});
        Operand<TFloat32> count = tf.reduceSum(pairs, all);
        Operand<TFloat32> ratio = tf.math.div(
                tf.math.add(tf.reduceSum(tf.math.mul(pairs, tf.math.div(dImages, dNoise)), all),
                        tf.math.sub(tf.constant(1f), tf.math.minimum(count, tf.constant(1f)))),
                tf.math.maximum(count, tf.constant(1f)));
        return tf.withName("mode_seeking").math.div(tf.constant(lambda), tf.math.add(ratio, tf.constant(1e-5f)));
    }

    /** [B, B] RMS distances between the rows of x [B, dim], from one Gram matrix. */
    private static Operand<TFloat32> pairwiseRms(Ops tf, Operand<TFloat32> x, int dim) {
        Operand<TFloat32> squares = tf.reduceSum(tf.math.square(x), tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true));
        Operand<TFloat32> gram = tf.linalg.matMul(x, x, org.tensorflow.op.linalg.MatMul.transposeB(true));
        Operand<TFloat32> d2 = tf.math.sub(tf.math.add(squares, tf.linalg.transpose(squares, tf.constant(new int[] {1, 0}))),
                tf.math.mul(tf.constant(2f), gram));
        return tf.math.sqrt(tf.math.add(tf.math.div(tf.math.maximum(d2, tf.constant(0f)), tf.constant((float) dim)),
                tf.constant(1e-8f)));
    }

    /**
     * Mean over the batch of |∇ₓ D(x)|², x the images as D saw them: R1's term (Mescheder et al. 2018). Its
     * gradient with respect to D's weights is a second-order one, which TensorFlow builds through D's
     * convolutions and leaky ReLUs (not through batch norm: the projection discriminator has none) when the
     * first gradient is given its upstream gradient explicitly ({@code Gradients.dx}, ones).
     */
    static Operand<TFloat32> realGradientNorm(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> images) {
        Operand<TFloat32> ones = tf.fill(tf.shape(logits), tf.constant(1f));
        var grad = tf.gradients(List.of(logits), List.of(images), org.tensorflow.op.core.Gradients.dx(List.of(ones)));
        Operand<TFloat32> g = grad.<TFloat32>dy(0);
        Operand<TFloat32> perImage = tf.reduceSum(tf.math.square(g), tf.constant(new int[] {1, 2, 3}));
        return tf.withName("r1_gradient_norm").math.mean(perImage, tf.constant(0));
    }

    /** Mean relu(1 + sign·logits): sign −1 for real images (D wants logits ≥ 1), +1 for fakes (≤ −1). */
    private static Operand<TFloat32> hinge(Ops tf, Operand<TFloat32> logits, float sign) {
        return tf.math.mean(tf.nn.relu(tf.math.add(tf.constant(1f), tf.math.mul(logits, tf.constant(sign)))),
                tf.constant(new int[] {0, 1}));
    }

    /** Mean binary cross-entropy with logits against a constant target (tf.fill: OnesLike has no gradient). */
    private static Operand<TFloat32> bce(Ops tf, Operand<TFloat32> logits, float target) {
        Operand<TFloat32> targets = tf.fill(tf.shape(logits), tf.constant(target));
        Operand<TFloat32> losses = org.tensorflow.framework.op.FrameworkOps.create(tf).nn
                .sigmoidCrossEntropyWithLogits(targets, logits);
        return tf.math.mean(losses, tf.constant(new int[] {0, 1}));
    }
}
