package org.emotionart.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A small CNN trained from scratch: the default backbone when no ImageNet weights are at hand, and
 * the one used on the procedural benchmark. With base width w (default 16), at 64 px:
 *
 * <pre>
 * conv3x3 w,  BN, ReLU · conv3x3 w,  BN, ReLU · maxpool     64 → 32
 * conv3x3 2w, BN, ReLU · conv3x3 2w, BN, ReLU · maxpool     32 → 16
 * conv3x3 4w, BN, ReLU · conv3x3 4w, BN, ReLU · maxpool     16 → 8
 * conv3x3 8w, BN, ReLU · global average pool                8 → features 8w
 * </pre>
 *
 * Inputs are scaled to [-1, 1]. Any image size divisible by 8 works.
 */
public final class CompactCnn implements Backbone {
    private final int width;

    public CompactCnn(int width) {
        this.width = width;
    }

    @Override
    public Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> rgb255) {
        return tf.math.sub(tf.math.div(rgb255, tf.constant(127.5f)), tf.constant(1f));
    }

    @Override
    public Operand<TFloat32> features(Layers layers, Operand<TFloat32> x, Layers.Mode mode) {
        int cin = 3;
        for (int stage = 0; stage < 3; stage++) {
            int cout = width << stage;
            x = convBnRelu(layers, "C_conv" + stage + "a", x, cin, cout, mode);
            x = convBnRelu(layers, "C_conv" + stage + "b", x, cout, cout, mode);
            x = layers.maxPool(x);
            cin = cout;
        }
        x = convBnRelu(layers, "C_conv3", x, cin, featureSize(), mode);
        return layers.globalAveragePool(x);
    }

    private static Operand<TFloat32> convBnRelu(Layers layers, String name, Operand<TFloat32> x, int cin, int cout,
                                                Layers.Mode mode) {
        x = layers.conv(name, x, cin, cout, 3, 1, "SAME", false, Layers.heStd(9 * cin));
        return layers.relu(layers.batchNorm(name.replace("conv", "bn"), x, cout, mode));
    }

    @Override
    public int featureSize() {
        return width * 8;
    }

    @Override
    public boolean frozen() {
        return false;
    }
}
