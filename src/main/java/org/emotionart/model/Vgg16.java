package org.emotionart.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * VGG16 without its top, as Keras' {@code keras.applications.VGG16(include_top=False)}: 13 conv
 * layers (3×3, SAME, ReLU) in 5 blocks, each block ending in a 2×2 max pool, with Keras' layer names
 * so ImageNet weights bind by name ({@code block1_conv1} → variables {@code block1_conv1_w} [3,3,in,out]
 * and {@code block1_conv1_b}):
 *
 * <pre>
 * block1: conv1 64,  conv2 64,             pool     224 → 112
 * block2: conv1 128, conv2 128,            pool     112 → 56
 * block3: conv1 256, conv2 256, conv3 256, pool     56 → 28
 * block4: conv1 512, conv2 512, conv3 512, pool     28 → 14
 * block5: conv1 512, conv2 512, conv3 512, pool     14 → 7      → flatten 7·7·512 = 25,088
 * </pre>
 *
 * Preprocessing is Keras' "caffe" mode: RGB → BGR, minus the ImageNet mean (103.939, 116.779,
 * 123.68), no scaling. The backbone is frozen (trained on ImageNet, not here).
 */
public final class Vgg16 implements Backbone {
    /** Output channels of each conv layer, block by block. */
    public static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    private static final float[] BGR_MEAN = {103.939f, 116.779f, 123.68f};

    private final int imageSize;
    private final int[][] blocks;

    /** The real VGG16 at {@code imageSize} (224 in Keras; any multiple of 32 works). */
    public Vgg16(int imageSize) {
        this(imageSize, BLOCKS);
    }

    /** Same layers and names with other widths (tests use a tiny one). */
    public Vgg16(int imageSize, int[][] blocks) {
        if (imageSize % 32 != 0) {
            throw new IllegalArgumentException("VGG16 needs an image size divisible by 32, was " + imageSize);
        }
        this.imageSize = imageSize;
        this.blocks = blocks;
    }

    /** Layer names in order, e.g. block1_conv1 ... block5_conv3. */
    public static String layerName(int block, int conv) {
        return "block" + (block + 1) + "_conv" + (conv + 1);
    }

    public int[][] blocks() {
        return blocks;
    }

    @Override
    public Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> rgb255) {
        Operand<TFloat32> bgr = tf.reverse(rgb255, tf.constant(new int[] {3}));
        return tf.math.sub(bgr, tf.constant(BGR_MEAN));
    }

    @Override
    public Operand<TFloat32> features(Layers layers, Operand<TFloat32> x, Layers.Mode mode) {
        int cin = 3;
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b].length; c++) {
                int cout = blocks[b][c];
                x = layers.relu(layers.conv(layerName(b, c), x, cin, cout, 3, 1, "SAME", true, Layers.heStd(9 * cin)));
                cin = cout;
            }
            x = layers.maxPool(x);
        }
        return layers.flatten(x, featureSize());
    }

    @Override
    public int featureSize() {
        int side = imageSize / 32;
        return side * side * blocks[blocks.length - 1][blocks[blocks.length - 1].length - 1];
    }

    @Override
    public boolean frozen() {
        return true;
    }
}
