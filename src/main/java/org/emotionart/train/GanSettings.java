package org.emotionart.train;

/**
 * Optimisation settings of a GAN run (the original's: Adam lr 2e-4, betas 0.5 and 0.999, batch 64).
 * {@code diffAugment} turns on differentiable augmentation of the discriminator's inputs ({@link DiffAugment}).
 * {@code ema} is the decay of an exponential moving average of the generator's weights (0: none; see
 * {@link GanGraph}); with it, the averaged generator is what is exported and evaluated. {@code loss} is
 * {@link #BCE} (the original's) or {@link #HINGE}; {@code dLearningRate} is the discriminator's own learning
 * rate (two time-scale update rule, TTUR), 0 for the same as the generator's {@code learningRate}.
 */
public record GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                          float ema, String loss, float dLearningRate) {
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
