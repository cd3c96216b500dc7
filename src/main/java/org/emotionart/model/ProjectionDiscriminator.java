package org.emotionart.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A projection discriminator (Miyato and Koyama 2018) with spectral normalisation, an alternative to
 * the original's one-hot planes ({@code --conditioning projection}, architecture
 * {@code conditional-dcgan/projection}). The image alone goes through the convolutions; the emotion
 * enters at the end as an inner product with the image's features, which ties the real/fake judgement
 * to the emotion much more directly. At 64 px, width d:
 *
 * <pre>
 * SNConv(3, d, 4, 2, 1), LeakyReLU(0.2)              # 64 → 32
 * SNConv(d, 2d, 4, 2, 1), LeakyReLU(0.2)             # 32 → 16
 * SNConv(2d, 4d, 4, 2, 1), LeakyReLU(0.2)            # 16 → 8
 * SNConv(4d, 8d, 4, 2, 1), LeakyReLU(0.2)            # 8 → 4
 * φ = sum over 4×4                                   # [N, 8d]
 * logit = SNLinear(8d, 1)(φ) + ⟨SNEmbedding(3, 8d)(emotion), φ⟩
 * </pre>
 *
 * With {@link GanSpec#minibatchStd()} the batch's spread ({@link Layers#minibatchStd}) joins the 4×4 maps
 * before the sum: φ has 8d + 1 features.
 *
 * No batch norm: spectral normalisation keeps the discriminator smooth instead.
 */
public final class ProjectionDiscriminator implements DiscriminatorNetwork {
    private final GanSpec spec;

    public ProjectionDiscriminator(GanSpec spec) {
        this.spec = spec;
    }

    @Override
    public Operand<TFloat32> forward(Layers layers, Operand<TFloat32> images, Operand<TFloat32> emotionOneHot) {
        Ops tf = layers.tf();
        int width = spec.dWidth();
        Operand<TFloat32> x = layers.leakyRelu(layers.snConv("D_conv0", images, 3, width, 4, 2, "SAME", true));
        for (int i = 1; i < spec.downsamplings(); i++, width *= 2) {
            x = layers.leakyRelu(layers.snConv("D_conv" + i, x, width, width * 2, 4, 2, "SAME", true));
        }
        if (spec.minibatchStd()) {
            x = layers.minibatchStd(x);
        }
        int channels = spec.dLastChannels(width);
        Operand<TFloat32> features = tf.reduceSum(x, tf.constant(new int[] {1, 2}));
        Operand<TFloat32> unconditional = layers.snDense("D_linear", features, channels, 1, true);
        Operand<TFloat32> embedded = layers.snDense("D_embed", emotionOneHot, GanSpec.CLASSES, channels, false);
        Operand<TFloat32> projection = tf.reduceSum(tf.math.mul(embedded, features), tf.constant(1),
                org.tensorflow.op.core.ReduceSum.keepDims(true));
        return tf.math.add(unconditional, projection);
    }
}
