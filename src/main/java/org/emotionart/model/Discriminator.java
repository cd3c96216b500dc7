package org.emotionart.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The conditional DCGAN discriminator: the image and three one-hot planes (6 channels) in, one
 * real/fake logit per image out. At 64 px with {@code dWidth} 64 it is PyTorch's
 *
 * <pre>
 * nn.Conv2d(6, 64, 4, 2, 1), nn.LeakyReLU(0.2),                                          # 64 → 32
 * nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),       # 32 → 16
 * nn.Conv2d(128, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),      # 16 → 8
 * nn.Conv2d(256, 512, 4, 2, 1, bias=False), nn.BatchNorm2d(512), nn.LeakyReLU(0.2),      # 8 → 4
 * nn.Conv2d(512, 1, 4, 1, 0)                                                             # 4 → 1
 * </pre>
 *
 * <p>With {@link GanSpec#minibatchStd()} the last convolution reads one more channel, the batch's spread
 * ({@link Layers#minibatchStd}): {@code MinibatchStd(), nn.Conv2d(513, 1, 4, 1, 0)}.
 *
 * <p>Batch norm always uses the batch's statistics (the discriminator is only used in training).
 */
public final class Discriminator implements DiscriminatorNetwork {
    private final GanSpec spec;

    public Discriminator(GanSpec spec) {
        this.spec = spec;
    }

    @Override
    public Operand<TFloat32> forward(Layers layers, Operand<TFloat32> images, Operand<TFloat32> emotionOneHot) {
        Ops tf = layers.tf();
        int s = spec.imageSize();
        Operand<TFloat32> planes = tf.tile(tf.reshape(emotionOneHot, tf.constant(new int[] {-1, 1, 1, GanSpec.CLASSES})),
                tf.constant(new int[] {1, s, s, 1}));
        Operand<TFloat32> x = tf.concat(List.of(images, planes), tf.constant(3));

        int width = spec.dWidth();
        x = layers.leakyRelu(layers.conv("D_conv0", x, 3 + GanSpec.CLASSES, width, 4, 2, "SAME", true));
        for (int i = 1; i < spec.downsamplings(); i++, width *= 2) {
            x = layers.conv("D_conv" + i, x, width, width * 2, 4, 2, "SAME", false);
            x = layers.leakyRelu(layers.batchNorm("D_bn" + i, x, width * 2, Layers.Mode.BATCH_STATS));
        }
        if (spec.minibatchStd()) {
            x = layers.minibatchStd(x);
        }
        x = layers.conv("D_conv" + spec.downsamplings(), x, spec.dLastChannels(width), 1, 4, 1, "VALID", true);
        return tf.reshape(x, tf.constant(new int[] {-1, 1}));
    }
}
