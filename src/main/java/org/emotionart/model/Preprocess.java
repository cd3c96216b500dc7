package org.emotionart.model;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.op.image.ScaleAndTranslate;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * In-graph image preparation for bundles: encoded bytes or pixels of any size → centre square →
 * {@code size}×{@code size} with an antialiased (triangle) resize, RGB in 0..255. This is the same
 * geometry as the Java-side cache (centre crop, antialiased downscale), so a served model sees what
 * the trained one saw.
 */
public final class Preprocess {
    private Preprocess() {
    }

    /**
     * Encoded JPEG/PNG/GIF/BMP bytes, string [N] → float [N, size, size, 3]. One image at a time in a
     * while loop (images differ in size), as Keras' exports do with map_fn.
     */
    @SuppressWarnings("unchecked")
    public static Operand<TFloat32> decodeBatch(Graph graph, Ops tf, Operand<TString> bytes, int size) {
        Operand<TFloat32> empty = tf.zeros(tf.constant(new int[] {0, size, size, 3}), TFloat32.class);
        Output<?>[] loop = graph.whileLoop(
                new Output<?>[] {tf.constant(0).asOutput(), bytes.asOutput(), empty.asOutput()},
                (g, in, out) -> {
                    Ops c = Ops.create(g);
                    out[0] = c.math.less((Operand<TInt32>) in[0], length(c, (Operand<TString>) in[1])).asOutput();
                },
                (g, in, out) -> {
                    Ops b = Ops.create(g);
                    Operand<TInt32> i = (Operand<TInt32>) in[0];
                    Operand<TUint8> image = b.image.decodeImage(b.gather((Operand<TString>) in[1], i, b.constant(0)),
                            TUint8.class, DecodeImage.channels(3L), DecodeImage.expandAnimations(false));
                    Operand<TFloat32> one = squareResize(b, b.expandDims(b.dtypes.cast(image, TFloat32.class),
                            b.constant(0)), size);
                    out[0] = b.math.add(i, b.constant(1)).asOutput();
                    out[1] = in[1];
                    out[2] = b.concat(List.of((Operand<TFloat32>) in[2], one), b.constant(0)).asOutput();
                }, "decode_images");
        return (Operand<TFloat32>) loop[2];
    }

    /** Pixels [N, H, W, 3] (one size for the batch) → centre square → [N, size, size, 3], antialiased. */
    public static Operand<TFloat32> squareResize(Ops tf, Operand<TFloat32> images, int size) {
        Operand<TInt32> shape = tf.shape(images);
        Operand<TInt32> h = tf.gather(shape, tf.constant(1), tf.constant(0));
        Operand<TInt32> w = tf.gather(shape, tf.constant(2), tf.constant(0));
        Operand<TInt32> side = tf.math.minimum(h, w);
        Operand<TInt32> top = tf.math.floorDiv(tf.math.sub(h, side), tf.constant(2));
        Operand<TInt32> left = tf.math.floorDiv(tf.math.sub(w, side), tf.constant(2));
        Operand<TFloat32> square = tf.slice(images, tf.stack(List.of(tf.constant(0), top, left, tf.constant(0))),
                tf.stack(List.of(tf.constant(-1), side, side, tf.constant(3))));
        Operand<TFloat32> sideF = tf.dtypes.cast(side, TFloat32.class);
        Operand<TFloat32> scale = tf.math.div(tf.constant((float) size), tf.stack(List.of(sideF, sideF)));
        return tf.image.scaleAndTranslate(square, tf.constant(new int[] {size, size}), scale,
                tf.constant(new float[] {0f, 0f}), ScaleAndTranslate.kernelType("triangle"),
                ScaleAndTranslate.antialias(true));
    }

    private static Operand<TInt32> length(Ops tf, Operand<TString> vector) {
        return tf.gather(tf.shape(vector), tf.constant(0), tf.constant(0));
    }
}
