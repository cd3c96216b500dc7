package org.emotionart.train;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Differentiable augmentation for GANs trained on little data (Zhao et al. 2020, "DiffAugment"):
 * every image the discriminator sees, real or generated, is shifted by up to 1/8 of its side
 * (zero-filled) and has a random square of half its side cut out. Gradients flow through both to the
 * generator, so it still learns the unaugmented images. No colour augmentation: colour carries emotion.
 */
final class DiffAugment {
    private DiffAugment() {
    }

    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images, Operand<TInt64> seed, int size) {
        Operand<TInt32> n = tf.gather(tf.shape(images), tf.constant(0), tf.constant(0));
        Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.stack(List.of(n, tf.constant(4))), seed, TFloat32.class);
        // translation: crop a size×size window of the image padded by size/8 on each side
        int pad = size / 8;
        Operand<TFloat32> padded = tf.pad(images, tf.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}),
                tf.constant(0f));
        float span = size + 2 * pad - 1;
        Operand<TFloat32> dy = tf.math.floor(tf.math.mul(column(tf, u, 0), tf.constant(2f * pad + 1)));
        Operand<TFloat32> dx = tf.math.floor(tf.math.mul(column(tf, u, 1), tf.constant(2f * pad + 1)));
        Operand<TFloat32> y1 = tf.math.div(dy, tf.constant(span));
        Operand<TFloat32> x1 = tf.math.div(dx, tf.constant(span));
        Operand<TFloat32> y2 = tf.math.div(tf.math.add(dy, tf.constant(size - 1f)), tf.constant(span));
        Operand<TFloat32> x2 = tf.math.div(tf.math.add(dx, tf.constant(size - 1f)), tf.constant(span));
        Operand<TFloat32> boxes = tf.stack(List.of(y1, x1, y2, x2), Stack.axis(1L));
        Operand<TFloat32> shifted = tf.image.cropAndResize(padded, boxes, tf.range(tf.constant(0), n, tf.constant(1)),
                tf.constant(new int[] {size, size}));
        // cutout: zero a half-side square centred anywhere in the image
        float half = size / 2f;
        Operand<TFloat32> cy = tf.math.mul(column(tf, u, 2), tf.constant((float) size));
        Operand<TFloat32> cx = tf.math.mul(column(tf, u, 3), tf.constant((float) size));
        float[] coords = new float[size];
        for (int i = 0; i < size; i++) {
            coords[i] = i + 0.5f;
        }
        Operand<TFloat32> grid = tf.constant(coords);
        Operand<TFloat32> outsideY = tf.dtypes.cast(tf.math.greater(tf.math.abs(tf.math.sub(
                tf.reshape(grid, tf.constant(new int[] {1, size})), tf.reshape(cy, tf.constant(new int[] {-1, 1})))),
                tf.constant(half / 2)), TFloat32.class);
        Operand<TFloat32> outsideX = tf.dtypes.cast(tf.math.greater(tf.math.abs(tf.math.sub(
                tf.reshape(grid, tf.constant(new int[] {1, size})), tf.reshape(cx, tf.constant(new int[] {-1, 1})))),
                tf.constant(half / 2)), TFloat32.class);
        // keep a pixel unless it is inside the square in both directions: 1 - (1-oy)(1-ox)
        Operand<TFloat32> insideY = tf.math.sub(tf.constant(1f), outsideY);
        Operand<TFloat32> insideX = tf.math.sub(tf.constant(1f), outsideX);
        Operand<TFloat32> mask = tf.math.sub(tf.constant(1f), tf.math.mul(
                tf.reshape(insideY, tf.constant(new int[] {-1, size, 1, 1})),
                tf.reshape(insideX, tf.constant(new int[] {-1, 1, size, 1}))));
        return tf.math.mul(shifted, mask);
    }

    private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> u, int i) {
        return tf.reshape(tf.slice(u, tf.constant(new int[] {0, i}), tf.constant(new int[] {-1, 1})),
                tf.constant(new int[] {-1}));
    }
}
