package org.emotionart.train;

/** Optimisation settings of a GAN run (the original's: Adam lr 2e-4, betas 0.5 and 0.999, batch 64). */
public record GanSettings(int batch, float learningRate, float beta1, float beta2, long seed) {
    public static GanSettings defaults(long seed) {
        return new GanSettings(64, 2e-4f, 0.5f, 0.999f, seed);
    }
}
