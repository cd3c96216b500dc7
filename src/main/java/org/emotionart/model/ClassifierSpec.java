package org.emotionart.model;

import java.util.Locale;

/**
 * The shape of an emotion classifier: backbone ({@code compact} or {@code vgg16}), input size, the
 * backbone's base width (compact: its first layer, default 16; vgg16: its first block, 64 for the real
 * network), and the head's hidden size and dropout.
 */
public record ClassifierSpec(String backbone, int imageSize, int width, int hidden, float dropout) {
    public static final String COMPACT = "compact";
    public static final String VGG16 = "vgg16";

    public ClassifierSpec {
        backbone = backbone.toLowerCase(Locale.ROOT);
        if (!backbone.equals(COMPACT) && !backbone.equals(VGG16)) {
            throw new IllegalArgumentException("unknown backbone '" + backbone + "': allowed compact, vgg16");
        }
        int multiple = backbone.equals(VGG16) ? 32 : 8;
        if (imageSize < multiple || imageSize % multiple != 0 || imageSize > 512) {
            throw new IllegalArgumentException("image size for " + backbone + " must be a multiple of " + multiple
                    + " up to 512, was " + imageSize);
        }
        if (width < 1 || hidden < 1 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("width and hidden must be positive and dropout in [0, 1)");
        }
    }

    /** The small CNN trained from scratch at 64 px (the benchmark's and the GAN's image size). */
    public static ClassifierSpec compact() {
        return new ClassifierSpec(COMPACT, 64, 16, 128, 0.3f);
    }

    /** The original: VGG16 with ImageNet weights at 224 px, head Dense(256) + Dropout(0.5). */
    public static ClassifierSpec vgg16() {
        return new ClassifierSpec(VGG16, 224, 64, 256, 0.5f);
    }

    /** The defaults of a backbone named on the command line ({@link #compact()} or {@link #vgg16()}), any case. */
    public static ClassifierSpec defaultsFor(String backbone) {
        String b = backbone.toLowerCase(Locale.ROOT);
        if (b.equals(VGG16)) {
            return vgg16();
        }
        if (b.equals(COMPACT)) {
            return compact();
        }
        throw new IllegalArgumentException("unknown --backbone '" + backbone + "': allowed compact, vgg16");
    }

    public Backbone createBackbone() {
        if (backbone.equals(COMPACT)) {
            return new CompactCnn(width);
        }
        int[][] blocks = new int[Vgg16.BLOCKS.length][];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = new int[Vgg16.BLOCKS[b].length];
            for (int c = 0; c < blocks[b].length; c++) {
                blocks[b][c] = Vgg16.BLOCKS[b][c] * width / 64;
            }
        }
        return new Vgg16(imageSize, blocks);
    }

    public EmotionHead createHead(Backbone b) {
        return new EmotionHead(b.featureSize(), hidden, dropout);
    }
}
