package org.emotionart.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The generator of the original emotion-art project: noise z and a one-hot emotion in, a 64×64 RGB
 * painting in [-1, 1] out. At 64 px with {@code gWidth} 64 it is, layer for layer, PyTorch's
 *
 * <pre>
 * nn.ConvTranspose2d(103, 512, 4, 1, 0, bias=False), nn.BatchNorm2d(512), nn.ReLU(True),   # 1 → 4
 * nn.ConvTranspose2d(512, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256), nn.ReLU(True),   # 4 → 8
 * nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(True),   # 8 → 16
 * nn.ConvTranspose2d(128,  64, 4, 2, 1, bias=False), nn.BatchNorm2d(64),  nn.ReLU(True),   # 16 → 32
 * nn.ConvTranspose2d( 64,   3, 4, 2, 1, bias=False), nn.Tanh()                            # 32 → 64
 * </pre>
 *
 * <p>Variables: {@code G_deconv<i>_w} ([4, 4, out, in]) and {@code G_bn<i>_gamma|beta|mean|var}.
 * Other image sizes add or remove middle layers; the widths halve at each step as above.
 *
 * <p>With {@link GanSpec.Upsampling#RESIZE} (opt-in, {@code --g-upsample resize}) every stride-2 layer
 * becomes a nearest-neighbour ×2 and a 3×3 convolution, against the stride-2 checkerboard; the first
 * layer (1 → 4) stays as it is. Variables {@code G_conv<i>_w} ([3, 3, in, out]); each such layer is
 * computed in its polyphase form, without the doubled map ({@link Layers#upsampleConv}):
 *
 * <pre>
 * nn.ConvTranspose2d(103, 512, 4, 1, 0, bias=False), nn.BatchNorm2d(512), nn.ReLU(True),            # 1 → 4
 * nn.Upsample(scale_factor=2), nn.Conv2d(512, 256, 3, 1, 1, bias=False), nn.BatchNorm2d(256), nn.ReLU(True),
 * nn.Upsample(scale_factor=2), nn.Conv2d(256, 128, 3, 1, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(True),
 * nn.Upsample(scale_factor=2), nn.Conv2d(128,  64, 3, 1, 1, bias=False), nn.BatchNorm2d(64),  nn.ReLU(True),
 * nn.Upsample(scale_factor=2), nn.Conv2d( 64,   3, 3, 1, 1, bias=False), nn.Tanh()                  # 32 → 64
 * </pre>
 *
 * <p>With {@link GanSpec#conditionalBatchNorm()} (opt-in, {@code --g-cbn}) each batch norm is followed
 * by the emotion's own scale and shift of every channel (class-conditional batch norm, after the generators
 * that go with a projection discriminator: Miyato and Koyama 2018, where the emotion's pair replaces the
 * batch norm's own; here it acts on top of it), so the emotion reaches every layer instead of only the
 * first. Variables {@code G_cbn<i>_gamma|beta} ([3, channels]), zero at the start, so a fresh generator
 * paints what it would without them:
 *
 * <pre>
 * h = nn.BatchNorm2d(c)(h); h = h * (1 + gamma[emotion]) + beta[emotion]        # gamma, beta: nn.Embedding(3, c)
 * </pre>
 *
 * <p>With {@link GanSpec#rgbConv()} (opt-in, {@code --g-rgb-conv}) the last doubling paints no colours: it
 * keeps {@code gWidth / 2} hidden channels at full resolution, and a 3×3 convolution paints the colours from
 * them, as SNGAN's generator ends (Miyato et al. 2018, its "standard CNN"), so every output pixel has
 * a hidden layer of its own resolution behind it. Variables {@code G_bn<last>_*} (and {@code G_cbn<last>_*} with
 * {@code --g-cbn}) and {@code G_rgb_w} ([3, 3, c, 3]);
 * with resize and {@code gWidth} 64:
 *
 * <pre>
 * ...                                                                                              # 16 → 32, as above
 * nn.Upsample(scale_factor=2), nn.Conv2d(64, 32, 3, 1, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU(True),  # 32 → 64
 * nn.Conv2d(32, 3, 3, 1, 1, bias=False), nn.Tanh()
 * </pre>
 */
public final class Generator {
    private final GanSpec spec;

    public Generator(GanSpec spec) {
        this.spec = spec;
    }

    /** z [N, zDim] and one-hot emotion [N, 3] → images [N, S, S, 3] in [-1, 1]. */
    public Operand<TFloat32> forward(Layers layers, Operand<TFloat32> z, Operand<TFloat32> emotionOneHot,
                                     Layers.Mode mode) {
        Ops tf = layers.tf();
        int ups = spec.upsamplings();
        int width = spec.gWidth() << (ups - 1);
        Operand<TFloat32> x = tf.concat(List.of(z, emotionOneHot), tf.constant(1));
        x = tf.reshape(x, tf.constant(new int[] {-1, 1, 1, spec.generatorInput()}));

        x = layers.deconv("G_deconv0", x, spec.generatorInput(), width, 4, 1, "VALID", 4);
        x = layers.relu(normalise(layers, 0, x, width, emotionOneHot, mode));
        int size = 4;
        for (int i = 1; i < ups; i++, width /= 2) {
            size *= 2;
            x = upsample(layers, i, x, width, width / 2, size);
            x = layers.relu(normalise(layers, i, x, width / 2, emotionOneHot, mode));
        }
        x = upsample(layers, ups, x, width, spec.rgbChannels(), spec.imageSize());
        if (spec.rgbConv()) {
            x = layers.relu(normalise(layers, ups, x, spec.rgbChannels(), emotionOneHot, mode));
            x = layers.conv("G_rgb", x, spec.rgbChannels(), 3, 3, 1, "SAME", false);
        }
        return tf.math.tanh(x);
    }

    /** Batch norm {@code i}, then, with conditional batch norm, the emotion's own scale and shift per channel. */
    private Operand<TFloat32> normalise(Layers layers, int i, Operand<TFloat32> x, int channels,
                                        Operand<TFloat32> emotionOneHot, Layers.Mode mode) {
        Operand<TFloat32> y = layers.batchNorm("G_bn" + i, x, channels, mode);
        if (!spec.conditionalBatchNorm()) {
            return y;
        }
        Ops tf = layers.tf();
        Operand<TFloat32> scale = emotionRow(layers, "G_cbn" + i + "_gamma", emotionOneHot, channels);
        Operand<TFloat32> shift = emotionRow(layers, "G_cbn" + i + "_beta", emotionOneHot, channels);
        return tf.math.add(tf.math.mul(y, tf.math.add(scale, tf.constant(1f))), shift);
    }

    /** Each image's emotion's row of the [3, channels] variable {@code name} (zero at the start), as [N, 1, 1, channels]. */
    private static Operand<TFloat32> emotionRow(Layers layers, String name, Operand<TFloat32> emotionOneHot, int channels) {
        Ops tf = layers.tf();
        Operand<TFloat32> rows = layers.trainableFilled(name, new long[] {GanSpec.CLASSES, channels}, 0f);
        return tf.reshape(tf.linalg.matMul(emotionOneHot, rows), tf.constant(new int[] {-1, 1, 1, channels}));
    }

    /** One doubling of the maps, {@code cin} → {@code cout} channels, to {@code size}×{@code size}. */
    private Operand<TFloat32> upsample(Layers layers, int i, Operand<TFloat32> x, int cin, int cout, int size) {
        if (spec.upsampling() == GanSpec.Upsampling.RESIZE) {
            return layers.upsampleConv("G_conv" + i, x, cin, cout);
        }
        return layers.deconv("G_deconv" + i, x, cin, cout, 4, 2, "SAME", size);
    }

    /** Images in [-1, 1] → uint8 pixels 0..255, rounded, as in {@code (x + 1) * 127.5}. */
    public static Operand<TUint8> toPixels(Ops tf, Operand<TFloat32> images) {
        Operand<TFloat32> scaled = tf.math.round(tf.math.mul(tf.math.add(images, tf.constant(1f)), tf.constant(127.5f)));
        return tf.dtypes.cast(tf.clipByValue(scaled, tf.constant(0f), tf.constant(255f)), TUint8.class);
    }

    /** Emotion indices int32 [N] → one-hot float [N, 3]. */
    public static Operand<TFloat32> oneHot(Ops tf, Operand<TInt32> emotions) {
        return tf.oneHot(emotions, tf.constant(GanSpec.CLASSES), tf.constant(1f), tf.constant(0f));
    }
}
