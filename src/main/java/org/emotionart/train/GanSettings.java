package org.emotionart.train;

/**
 * Optimisation settings of a GAN run (the original's: Adam lr 2e-4, betas 0.5 and 0.999, batch 64).
 * {@code diffAugment} turns on differentiable augmentation of the discriminator's inputs ({@link DiffAugment}).
 */
public record GanSettings(int batch, float learningRate, float beta1, float beta2, long seed, boolean diffAugment) {
    public GanSettings(int batch, float learningRate, float beta1, float beta2, long seed) {
        this(batch, learningRate, beta1, beta2, seed, false);
    }

    public static GanSettings defaults(long seed) {
        return new GanSettings(64, 2e-4f, 0.5f, 0.999f, seed);
    }
}
