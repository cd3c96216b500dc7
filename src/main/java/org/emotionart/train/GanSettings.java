package org.emotionart.train;

/**
 * Optimisation settings of a GAN run (the original's: Adam lr 2e-4, betas 0.5 and 0.999, batch 64).
 * {@code diffAugment} turns on differentiable augmentation of the discriminator's inputs ({@link DiffAugment}).
 * {@code ema} is the decay of an exponential moving average of the generator's weights (0: none; see
 * {@link GanGraph}); with it, the averaged generator is what is exported and evaluated.
 */
public record GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment,
                          float ema) {
    /** The prefix of the EMA copy of a generator variable in checkpoints: {@code EMA_G_deconv0_w}. */
    public static final String EMA_PREFIX = "EMA_";

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed) {
        this(batch, learningRate, beta1, beta2, seed, false);
    }

    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment) {
        this(batch, learningRate, beta1, beta2, seed, diffAugment, 0f);
    }

    public static GanSettings defaults(long seed) {
        return new GanSettings(64, 2e-4f, 0.5f, 0.999f, seed);
    }

    /** The EMA decay at a step: {@code min(ema, (1 + step) / (10 + step))}, so the zero start fades in a few steps. */
    public static double emaDecay(float ema, long step) {
        return Math.min(ema, (1.0 + step) / (10.0 + step));
    }
}
