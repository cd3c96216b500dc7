package org.emotionart.train;

import org.emotionart.model.GanSpec;

/**
 * Multiply-add work of one GAN training step, counted as 2 FLOP per multiply-add (the convention of a
 * CPU's FMA peak), convolutions only (batch norm, activations, DiffAugment and Adam are left out).
 * A step ({@link GanGraph}) is: G forward; D forward on the fake and the real batch, and their
 * backward passes (weight and activation gradients, ≈ 2 forwards each); then D forward on the fake
 * again, its activation gradients only (≈ 1 forward: G's loss needs no D weight gradients) and G's
 * backward (≈ 2 forwards): 3 G forwards and 8 D forwards (2.34 GFLOP per image at the original
 * widths; the generator forward alone is 0.21 GFLOP).
 */
public final class TrainingFlops {
    private TrainingFlops() {
    }

    /** FLOP of one generator forward pass for one image. */
    public static double generatorForward(GanSpec spec) {
        int ups = spec.upsamplings();
        long width = (long) spec.gWidth() << (ups - 1);
        double flops = 2.0 * spec.generatorInput() * width * 16; // 1x1 → 4x4, kernel 4
        int side = 4;
        // 16 taps per input pixel, either form: a transposed conv's 4×4; resize + 3×3 conv computed in its
        // polyphase form (Layers.upsampleConv: 2×2 per output pixel), not the 9 per output pixel of the doubled map
        double taps = 16;
        for (int i = 1; i < ups; i++, width /= 2, side *= 2) {
            flops += 2.0 * taps * width * (width / 2) * side * side;
        }
        flops += 2.0 * taps * width * spec.rgbChannels() * side * side;
        if (spec.rgbConv()) { // the 3×3 convolution to the colours at full resolution
            flops += 2.0 * 9 * spec.rgbChannels() * 3 * spec.imageSize() * spec.imageSize();
        }
        return flops;
    }

    /** FLOP of one discriminator forward pass for one image (either conditioning: the same convolutions). */
    public static double discriminatorForward(GanSpec spec, boolean concatPlanes) {
        int downs = spec.downsamplings();
        long width = spec.dWidth();
        int side = spec.imageSize() / 2;
        double flops = 2.0 * 16 * (concatPlanes ? 3 + GanSpec.CLASSES : 3) * width * side * side;
        for (int i = 1; i < downs; i++, width *= 2) {
            side /= 2;
            flops += 2.0 * 16 * width * width * 2 * side * side;
        }
        flops += 2.0 * 16 * spec.dLastChannels((int) width); // 4x4 valid → 1 (with the batch's spread: one channel more)
        return flops;
    }

    /** FLOP of one training step per image. */
    public static double perImage(GanSpec spec, Conditioning conditioning) {
        boolean concat = conditioning == Conditioning.CONCAT;
        return 3 * generatorForward(spec) + 8 * discriminatorForward(spec, concat);
    }
}
