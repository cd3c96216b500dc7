package org.emotionart.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * Stateless noise drawn in the graph from one int64 seed per image: z[i] is a pure function of
 * seed[i], whatever else is in the batch. TF's stateless random ops take one seed per op, not one
 * per row, and TF Serving batches many requests into one tensor, so the generator's
 * {@code serving_default} draws its noise with this counter-based generator instead: SplitMix64
 * hashes of (seed, component) turned into N(0, 1) values by the Box-Muller transform, all
 * element-wise core ops (Add, Mul, BitwiseXor, RightShift, Log, Cos) that every TF runtime has.
 */
public final class SeededNoise {
    private SeededNoise() {
    }

    /** seeds int64 [N] → z float32 [N, zDim] ~ N(0, 1). */
    public static Operand<TFloat32> normal(Ops tf, Operand<TInt64> seeds, int zDim) {
        long[] even = new long[zDim];
        long[] odd = new long[zDim];
        for (int j = 0; j < zDim; j++) {
            even[j] = 2L * j;
            odd[j] = 2L * j + 1;
        }
        Operand<TInt64> key = mix64(tf, tf.reshape(seeds, tf.constant(new int[] {-1, 1})));
        Operand<TFloat64> u1 = uniform(tf, key, tf.constant(new long[][] {even}));
        Operand<TFloat64> u2 = uniform(tf, key, tf.constant(new long[][] {odd}));
        Operand<TFloat64> radius = tf.math.sqrt(tf.math.mul(tf.constant(-2.0), tf.math.log(u1)));
        Operand<TFloat64> angle = tf.math.mul(tf.constant(2 * Math.PI), u2);
        return tf.dtypes.cast(tf.math.mul(radius, tf.math.cos(angle)), TFloat32.class);
    }

    /** Uniform in (0, 1) from the top 52 bits of mix64(key + (counter + 1) * golden). */
    private static Operand<TFloat64> uniform(Ops tf, Operand<TInt64> key, Operand<TInt64> counter) {
        Operand<TInt64> golden = tf.constant(0x9E3779B97F4A7C15L);
        Operand<TInt64> h = mix64(tf, tf.math.add(key,
                tf.math.mul(tf.math.add(counter, tf.constant(1L)), golden)));
        Operand<TFloat64> top = tf.dtypes.cast(shiftRightUnsigned(tf, h, 12), TFloat64.class);
        return tf.math.mul(tf.math.add(top, tf.constant(0.5)), tf.constant(1.0 / (1L << 52)));
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014). */
    private static Operand<TInt64> mix64(Ops tf, Operand<TInt64> z) {
        z = tf.math.mul(tf.bitwise.bitwiseXor(z, shiftRightUnsigned(tf, z, 30)), tf.constant(0xBF58476D1CE4E5B9L));
        z = tf.math.mul(tf.bitwise.bitwiseXor(z, shiftRightUnsigned(tf, z, 27)), tf.constant(0x94D049BB133111EBL));
        return tf.bitwise.bitwiseXor(z, shiftRightUnsigned(tf, z, 31));
    }

    private static Operand<TInt64> shiftRightUnsigned(Ops tf, Operand<TInt64> z, int bits) {
        return tf.bitwise.bitwiseAnd(tf.bitwise.rightShift(z, tf.constant((long) bits)),
                tf.constant(-1L >>> bits));
    }

    /** The same values computed in Java (for tests and for callers that feed z themselves). */
    public static float[] normal(long seed, int zDim) {
        long key = mix64(seed);
        float[] z = new float[zDim];
        for (int j = 0; j < zDim; j++) {
            double u1 = uniform(key, 2L * j);
            double u2 = uniform(key, 2L * j + 1);
            z[j] = (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return z;
    }

    private static double uniform(long key, long counter) {
        long h = mix64(key + (counter + 1) * 0x9E3779B97F4A7C15L);
        return ((h >>> 12) + 0.5) * (1.0 / (1L << 52));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
