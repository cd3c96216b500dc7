package org.emotionart.train;

/**
 * Optimisation settings of a GAN run (the original's: Adam lr 2e-4, betas 0.5 and 0.999, batch 64).
 * {@code diffAugment} turns on differentiable augmentation of the discriminator's inputs ({@link DiffAugment}).
 * {@code ema} is the decay of an exponential moving average of the generator's weights (0: none; see
 * {@link GanGraph}); with it, the averaged generator is what is exported and evaluated. {@code loss} is
 * {@link #BCE} (the original's) or {@link #HINGE}; {@code dLearningRate} is the discriminator's own learning
 * rate (two time-scale update rule, TTUR), 0 for the same as the generator's {@code learningRate}.
 * {@code decayFrom} and {@code decayTo} (0 and 0: none, as the original) decay both learning rates
 * linearly from step {@code decayFrom} to zero at step {@code decayTo} ({@link #learningRateScale}).
 * {@code modeSeeking} is the weight λ of a mode-seeking term in the generator's loss (Mao et al. 2019,
 * MSGAN; 0: none, as the original): λ / (mean over pairs of a batch's fakes of one emotion of
 * RMS distance of the paintings / RMS distance of their noise), which punishes a generator for giving
 * different noise the same painting ({@link GanGraph}). {@code emaFrom} is the step the moving average
 * started at: 0 for a run trained with {@code ema} from the start, the resumed step for a run that
 * turned it on with {@code --resume} (the average then starts from the checkpoint's generator weights).
 * {@code r1} is the weight γ of the R1 gradient penalty on the discriminator (Mescheder et al. 2018; 0: none,
 * as the original): γ/2 · mean over the real batch of |∇ₓD(x)|², x the real images as D sees them.
 */
public record GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                          float ema, String loss, float dLearningRate, long decayFrom, long decayTo,
                          float modeSeeking, long emaFrom, float r1) {
    /** The original loss: binary cross-entropy of D's logits (G: the non-saturating form). */
    public static final String BCE = "bce";
    /** The hinge loss of SAGAN / BigGAN: D mean(relu(1 - D(x))) + mean(relu(1 + D(G(z)))), G -mean(D(G(z))). */
    public static final String HINGE = "hinge";

    /** The prefix of the EMA copy of a generator variable in checkpoints: {@code EMA_G_deconv0_w}. */
    public static final String EMA_PREFIX = "EMA_";

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed) {
        this(batch, learningRate, beta1, beta2, seed, false);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, 0f);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                       float ema) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, ema, BCE, 0f);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                       float ema, String loss, float dLearningRate) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, ema, loss, dLearningRate, 0, 0);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                       float ema, String loss, float dLearningRate, long decayFrom, long decayTo) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, ema, loss, dLearningRate, decayFrom, decayTo, 0f);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                       float ema, String loss, float dLearningRate, long decayFrom, long decayTo, float modeSeeking) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, ema, loss, dLearningRate, decayFrom, decayTo,
                modeSeeking, 0);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                       float ema, String loss, float dLearningRate, long decayFrom, long decayTo, float modeSeeking,
                       long emaFrom) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, ema, loss, dLearningRate, decayFrom, decayTo,
                modeSeeking, emaFrom, 0f);
    }

    public GanSettings {
        // config.json of runs older than these two settings has neither: the original's
        loss = loss == null ? BCE : loss;
        if (!loss.equals(BCE) && !loss.equals(HINGE)) {
            throw new IllegalArgumentException("unknown loss '" + loss + "': allowed " + BCE + ", " + HINGE);
        }
        if (!(learningRate > 0) || !(dLearningRate >= 0) || Float.isInfinite(learningRate)
                || Float.isInfinite(dLearningRate)) {
            throw new IllegalArgumentException("learning rates must be positive: " + learningRate + ", D "
                    + dLearningRate);
        }
        // config.json of runs older than the decay has neither field: 0, 0 (constant rates)
        if (!(decayFrom == 0 && decayTo == 0) && !(decayFrom >= 0 && decayTo > decayFrom)) {
            throw new IllegalArgumentException("the learning-rate decay must start before it ends: from step "
                    + decayFrom + " to " + decayTo);
        }
        // config.json of runs older than the mode-seeking term has no such field: 0 (none)
        if (!(modeSeeking >= 0) || Float.isInfinite(modeSeeking)) {
            throw new IllegalArgumentException("the mode-seeking weight must be 0 (none) or positive: " + modeSeeking);
        }
        // config.json of runs older than the R1 penalty has no such field: 0 (none)
        if (!(r1 >= 0) || Float.isInfinite(r1)) {
            throw new IllegalArgumentException("the R1 penalty's weight must be 0 (none) or positive: " + r1);
        }
        // config.json of runs older than starting the average on --resume has no such field: 0 (from the start)
        if (emaFrom < 0 || (emaFrom > 0 && !(ema > 0))) {
            throw new IllegalArgumentException("the moving average cannot start at step " + emaFrom
                    + (ema > 0 ? "" : " without a decay (--ema)"));
        }
    }

    /**
     * Whether the checkpoint of {@code step} holds the moving average: a run with {@code ema} from the
     * start, or one that started it on --resume at {@code emaFrom} and has trained since.
     */
    public boolean averagedAt(long step) {
        return ema > 0 && (emaFrom == 0 || step > emaFrom);
    }

    /** These settings with the moving average started at {@code step} (see {@code emaFrom}). */
    public GanSettings withEmaFrom(long step) {
        return new GanSettings(batch, learningRate, beta1, beta2, seed, diffAugment, ema, loss, dLearningRate,
                decayFrom, decayTo, modeSeeking, step, r1);
    }

    /** Whether the learning rates decay ({@code decayFrom}, {@code decayTo} set). */
    public boolean decays() {
        return decayTo > 0;
    }

    /**
     * The factor on both learning rates at a (0-based) step: 1 before {@code decayFrom}, then linearly down,
     * {@code (decayTo - step) / (decayTo - decayFrom)}, to 0 at {@code decayTo}; always 1 without a decay.
     * {@link GanGraph} computes the same in the graph from the step it is fed.
     */
    public double learningRateScale(long step) {
        if (!decays()) {
            return 1.0;
        }
        return Math.max(0.0, Math.min(1.0, (double) (decayTo - step) / (decayTo - decayFrom)));
    }

    /** The discriminator's learning rate: {@code dLearningRate}, or the generator's when that is 0. */
    public float discriminatorLearningRate() {
        return dLearningRate > 0 ? dLearningRate : learningRate;
    }

    public static GanSettings defaults(long seed) {
        return new GanSettings(64, 2e-4f, 0.5f, 0.999f, seed);
    }

    /** The EMA decay at a step: {@code min(ema, (1 + step) / (10 + step))}, so the zero start fades in a few steps. */
    public static double emaDecay(float ema, long step) {
        return Math.min(ema, (1.0 + step) / (10.0 + step));
    }
}
