package org.emotionart.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * In-graph augmentation of a batch of RGB images in 0..255, from a fed seed (so runs are repeatable):
 * a random crop of 80-100% of the side at a random place, a horizontal flip half of the time (both in
 * one CropAndResize: a box with x1 > x2 is mirrored), and a small colour jitter (brightness ±5%,
 * contrast and saturation ×0.9-1.1). The jitter stays small because warmth, brightness and
 * saturation carry emotion; no hue shift.
 */
final class Augment {
    private Augment() {
    }

    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images, Operand<TInt64> seed, int size) {
        Operand<TInt32> n = tf.gather(tf.shape(images), tf.constant(0), tf.constant(0));
        Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.stack(List.of(n, tf.constant(7))), seed,
                TFloat32.class);
        Operand<TFloat32> scale = tf.math.add(tf.constant(0.8f), tf.math.mul(column(tf, u, 0), tf.constant(0.2f)));
        Operand<TFloat32> room = tf.math.sub(tf.constant(1f), scale);
        Operand<TFloat32> y1 = tf.math.mul(column(tf, u, 1), room);
        Operand<TFloat32> x1 = tf.math.mul(column(tf, u, 2), room);
        Operand<TFloat32> y2 = tf.math.add(y1, scale);
        Operand<TFloat32> x2 = tf.math.add(x1, scale);
        // flip: swap x1 and x2 where the coin says so (a Mul/Add blend, not SelectV2)
        Operand<TFloat32> flip = tf.dtypes.cast(tf.math.less(column(tf, u, 3), tf.constant(0.5f)), TFloat32.class);
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), flip);
        Operand<TFloat32> left = tf.math.add(tf.math.mul(keep, x1), tf.math.mul(flip, x2));
        Operand<TFloat32> right = tf.math.add(tf.math.mul(keep, x2), tf.math.mul(flip, x1));
        Operand<TFloat32> boxes = tf.stack(List.of(y1, left, y2, right), org.tensorflow.op.core.Stack.axis(1L));
        Operand<TInt32> index = tf.range(tf.constant(0), n, tf.constant(1));
        Operand<TFloat32> x = tf.image.cropAndResize(images, boxes, index, tf.constant(new int[] {size, size}));

        Operand<TFloat32> brightness = perImage(tf, tf.math.mul(tf.math.sub(column(tf, u, 4), tf.constant(0.5f)),
                tf.constant(0.1f * 255f)));
        Operand<TFloat32> contrast = perImage(tf, tf.math.add(tf.constant(0.9f), tf.math.mul(column(tf, u, 5),
                tf.constant(0.2f))));
        Operand<TFloat32> saturation = perImage(tf, tf.math.add(tf.constant(0.9f), tf.math.mul(column(tf, u, 6),
                tf.constant(0.2f))));
        Operand<TFloat32> mean = tf.math.mean(x, tf.constant(new int[] {1, 2, 3}), org.tensorflow.op.math.Mean.keepDims(true));
        x = tf.math.add(tf.math.mul(tf.math.sub(x, mean), contrast), mean);
        Operand<TFloat32> grey = tf.math.mean(x, tf.constant(3), org.tensorflow.op.math.Mean.keepDims(true));
        x = tf.math.add(tf.math.mul(tf.math.sub(x, grey), saturation), grey);
        x = tf.math.add(x, brightness);
        return tf.clipByValue(x, tf.constant(0f), tf.constant(255f));
    }

    private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> u, int i) {
        return tf.reshape(tf.slice(u, tf.constant(new int[] {0, i}), tf.constant(new int[] {-1, 1})),
                tf.constant(new int[] {-1}));
    }

    private static Operand<TFloat32> perImage(Ops tf, Operand<TFloat32> v) {
        return tf.reshape(v, tf.constant(new int[] {-1, 1, 1, 1}));
    }
}
