package org.emotionart.torch;

import java.util.Arrays;

/**
 * One tensor of a PyTorch state_dict, read into Java: its shape and its values in C order (the
 * last dimension varies fastest, as PyTorch's contiguous layout). Floating-point storages are held
 * as {@code float} (float64 is narrowed), integer storages as {@code long}.
 */
public final class TorchTensor {
    private final String dtype;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private TorchTensor(String dtype, long[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
    }

    public static TorchTensor ofFloats(String dtype, long[] shape, float[] values) {
        return new TorchTensor(dtype, shape, values, null);
    }

    public static TorchTensor ofLongs(String dtype, long[] shape, long[] values) {
        return new TorchTensor(dtype, shape, null, values);
    }

    /** PyTorch's name of the element type, e.g. {@code float32}, {@code int64}. */
    public String dtype() {
        return dtype;
    }

    public boolean isFloating() {
        return floats != null;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return numel(shape);
    }

    /** The values of a floating-point tensor, C order (not a copy: do not change them). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("a " + dtype + " tensor has no float values");
        }
        return floats;
    }

    /** The values of an integer tensor, C order (not a copy: do not change them). */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("a " + dtype + " tensor has no integer values");
        }
        return longs;
    }

    /** The shape as PyTorch prints it, e.g. {@code [103, 512, 4, 4]}; {@code []} for a scalar. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return dtype + shapeString();
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
