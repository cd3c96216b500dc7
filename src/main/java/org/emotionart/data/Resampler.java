package org.emotionart.data;

/**
 * Antialiased resizing of a square RGB image: a separable triangle (bilinear) filter whose support
 * widens with the reduction factor, the way Pillow's {@code Image.resize(..., BILINEAR)} resizes and
 * thus what torchvision's {@code Resize} did to PIL images in the original project. Shrinking by a
 * factor k averages over about 2k source pixels per output pixel (no aliasing); enlarging is plain
 * bilinear interpolation. The horizontal pass keeps float precision; the result is rounded once.
 */
final class Resampler {
    private Resampler() {
    }

    /** Resizes a square {@code n}×{@code n} RGB image (uint8 HWC) to {@code s}×{@code s}. */
    static byte[] resize(byte[] src, int n, int s) {
        if (n == s) {
            return src;
        }
        Kernel k = Kernel.of(n, s);
        // horizontal pass: n rows of n pixels -> n rows of s pixels
        float[] tmp = new float[n * s * 3];
        for (int y = 0; y < n; y++) {
            int rowIn = y * n * 3;
            int rowOut = y * s * 3;
            for (int x = 0; x < s; x++) {
                float r = 0, g = 0, b = 0;
                int start = k.start[x];
                int base = x * k.taps;
                for (int t = 0; t < k.count[x]; t++) {
                    float w = k.weights[base + t];
                    int i = rowIn + (start + t) * 3;
                    r += w * (src[i] & 0xff);
                    g += w * (src[i + 1] & 0xff);
                    b += w * (src[i + 2] & 0xff);
                }
                int o = rowOut + x * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        }
        // vertical pass: n rows -> s rows
        byte[] out = new byte[s * s * 3];
        int rowLen = s * 3;
        float[] acc = new float[rowLen];
        for (int y = 0; y < s; y++) {
            java.util.Arrays.fill(acc, 0f);
            int start = k.start[y];
            int base = y * k.taps;
            for (int t = 0; t < k.count[y]; t++) {
                float w = k.weights[base + t];
                int row = (start + t) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += w * tmp[row + i];
                }
            }
            int o = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                int v = Math.round(acc[i]);
                out[o + i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
            }
        }
        return out;
    }

    /** Per output coordinate: first source index, number of taps and normalised weights. */
    private static final class Kernel {
        final int[] start;
        final int[] count;
        final int taps;
        final float[] weights;

        private Kernel(int[] start, int[] count, int taps, float[] weights) {
            this.start = start;
            this.count = count;
            this.taps = taps;
            this.weights = weights;
        }

        static Kernel of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // triangle of radius 1, stretched when shrinking
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[out];
            int[] count = new int[out];
            float[] weights = new float[out * taps];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support + 0.5));
                int hi = Math.min(in, (int) Math.floor(center + support + 0.5));
                double sum = 0;
                double[] w = new double[hi - lo];
                for (int j = lo; j < hi; j++) {
                    double d = Math.abs((j - center + 0.5) / filterScale);
                    w[j - lo] = d < 1 ? 1 - d : 0;
                    sum += w[j - lo];
                }
                start[i] = lo;
                count[i] = hi - lo;
                for (int j = 0; j < w.length; j++) {
                    weights[i * taps + j] = (float) (w[j] / sum);
                }
            }
            return new Kernel(start, count, taps, weights);
        }
    }
}
