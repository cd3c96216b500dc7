package org.emotionart.model;

import org.emotionart.Emotion;

/**
 * The shape of a conditional DCGAN: image size (a power of two, 16..256), noise size, and the
 * widths of the generator ({@code gWidth}, PyTorch's {@code hidden_dim}: the last doubling's input; the
 * first has {@code gWidth * 2^(ups-1)}) and of the discriminator ({@code dWidth}, its first layer).
 * The original project is {@code GanSpec(64, 100, 64, 64)}.
 *
 * <p>{@code conditionalBatchNorm} (opt-in, {@code --g-cbn}): the generator also hears the emotion at
 * every batch norm, not only in its input (see {@link Generator}).
 *
 * <p>{@code rgbConv} (opt-in, {@code --g-rgb-conv}): the generator's last doubling keeps {@link #rgbChannels()}
 * hidden channels at full resolution (batch norm, ReLU) and a 3×3 convolution paints the colours from them, as
 * SNGAN's generator does, instead of painting the colours in the last doubling itself (see {@link Generator}).
 *
 * <p>{@code minibatchStd} (opt-in, {@code --d-minibatch-std}): the discriminator sees, at 4×4, one more channel
 * holding how much its batch's paintings differ from each other (Karras et al. 2018), so a generator that paints
 * one emotion's paintings alike is told apart from the varied real ones (see {@link Layers#minibatchStd}).
 */
public record GanSpec(int imageSize, int zDim, int gWidth, int dWidth, Upsampling upsampling,
                      boolean conditionalBatchNorm, boolean rgbConv, boolean minibatchStd) {

    public static final int CLASSES = Emotion.COUNT;

    /**
     * How the generator doubles its maps. {@code DECONV}: the original's 4×4 stride-2 transposed
     * convolutions. {@code RESIZE}: nearest-neighbour ×2 then a 3×3 convolution (Odena et al. 2016,
     * "Deconvolution and checkerboard artifacts"): every output pixel gets the same number of taps,
     * so no stride-2 checkerboard; it costs 9/4 of the transposed convolution's multiply-adds.
     */
    public enum Upsampling {
        DECONV, RESIZE;

        /** The command-line word: deconv or resize. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Upsampling of(String word) {
            for (Upsampling u : values()) {
                if (u.word().equals(word)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("unknown --g-upsample '" + word + "': allowed deconv (the original's "
                    + "transposed convolutions), resize (nearest-neighbour x2 + 3x3 convolution)");
        }
    }

    /** The original's transposed-convolution generator. */
    public GanSpec(int imageSize, int zDim, int gWidth, int dWidth) {
        this(imageSize, zDim, gWidth, dWidth, Upsampling.DECONV);
    }

    /** The emotion enters the generator with the noise only, as in the original (config.json of runs from before the choice reads so). */
    public GanSpec(int imageSize, int zDim, int gWidth, int dWidth, Upsampling upsampling) {
        this(imageSize, zDim, gWidth, dWidth, upsampling, false);
    }

    /** The colours painted by the last doubling itself, as in the original (config.json of runs from before the choice reads so). */
    public GanSpec(int imageSize, int zDim, int gWidth, int dWidth, Upsampling upsampling, boolean conditionalBatchNorm) {
        this(imageSize, zDim, gWidth, dWidth, upsampling, conditionalBatchNorm, false);
    }

    /** The discriminator without the batch's spread, as in the original (config.json of runs from before the choice reads so). */
    public GanSpec(int imageSize, int zDim, int gWidth, int dWidth, Upsampling upsampling, boolean conditionalBatchNorm,
                   boolean rgbConv) {
        this(imageSize, zDim, gWidth, dWidth, upsampling, conditionalBatchNorm, rgbConv, false);
    }

    public GanSpec {
        if (upsampling == null) { // config.json of runs from before the choice existed
            upsampling = Upsampling.DECONV;
        }
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

    /** Number of the discriminator's stride-2 layers: 4 at 64 px (64→32→16→8→4), as many as G's upsamplings. */
    public int downsamplings() {
        return Integer.numberOfTrailingZeros(imageSize) - 2;
    }

    /** The same shape with another way of upsampling. */
    public GanSpec withUpsampling(Upsampling u) {
        return new GanSpec(imageSize, zDim, gWidth, dWidth, u, conditionalBatchNorm, rgbConv, minibatchStd);
    }

    /** The same shape with or without the generator's class-conditional batch norm. */
    public GanSpec withConditionalBatchNorm(boolean on) {
        return new GanSpec(imageSize, zDim, gWidth, dWidth, upsampling, on, rgbConv, minibatchStd);
    }

    /** The same shape with or without the generator's full-resolution layer before the colours. */
    public GanSpec withRgbConv(boolean on) {
        return new GanSpec(imageSize, zDim, gWidth, dWidth, upsampling, conditionalBatchNorm, on, minibatchStd);
    }

    /** The same shape with or without the batch's spread as a channel of the discriminator's last 4×4 maps. */
    public GanSpec withMinibatchStd(boolean on) {
        return new GanSpec(imageSize, zDim, gWidth, dWidth, upsampling, conditionalBatchNorm, rgbConv, on);
    }

    /** Channels the discriminator's last layer sees at 4×4: {@code d} of its own, one more with {@link #minibatchStd()}. */
    public int dLastChannels(int d) {
        return minibatchStd ? d + 1 : d;
    }

    /**
     * The last doubling's output channels: with {@link #rgbConv()} the hidden channels at full resolution,
     * {@code gWidth / 2} (the widths halving once more; at least 1); without it 3, the colours.
     */
    public int rgbChannels() {
        return rgbConv ? Math.max(1, gWidth / 2) : 3;
    }

    /** Channels entering the generator: z plus the one-hot emotion (103). */
    public int generatorInput() {
        return zDim + CLASSES;
    }
}
