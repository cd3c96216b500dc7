package org.emotionart.model;

import org.emotionart.Emotion;

/**
 * The shape of a conditional DCGAN: image size (a power of two, 16..256), noise size, and the
 * widths of the generator ({@code gWidth}, PyTorch's {@code hidden_dim}: the last hidden layer; the
 * first has {@code gWidth * 2^(ups-1)}) and of the discriminator ({@code dWidth}, its first layer).
 * The original project is {@code GanSpec(64, 100, 64, 64)}.
 */
public record GanSpec(int imageSize, int zDim, int gWidth, int dWidth) {

    public static final int CLASSES = Emotion.COUNT;

    public GanSpec {
        if (imageSize < 16 || imageSize > 256 || Integer.bitCount(imageSize) != 1) {
            throw new IllegalArgumentException("image size must be a power of two from 16 to 256, was " + imageSize);
        }
        if (zDim < 1 || gWidth < 1 || dWidth < 1) {
            throw new IllegalArgumentException("z size and widths must be positive: z=" + zDim + " g=" + gWidth
                    + " d=" + dWidth);
        }
    }

    /** The original emotion-art architecture: 64×64, z 100, generator 512-256-128-64, D 64-128-256-512. */
    public static GanSpec original() {
        return new GanSpec(64, 100, 64, 64);
    }

    /** Number of stride-2 layers: 4 at 64 px (4→8→16→32→64). */
    public int upsamplings() {
        return Integer.numberOfTrailingZeros(imageSize) - 2;
    }

    /** Channels entering the generator: z plus the one-hot emotion (103). */
    public int generatorInput() {
        return zDim + CLASSES;
    }
}
