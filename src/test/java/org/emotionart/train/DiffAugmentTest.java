package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DiffAugment moves pixels and blanks some, but never changes a colour: every output pixel is either
 * black (a filled border or the cutout) or the input's pixel, all three channels together, at one
 * shift of at most size/8 per image; the cutout is one square of about half the side.
 */
class DiffAugmentTest {
    static final int SIZE = 16;
    static final int PAD = SIZE / 8;
    static final int N = 8;
    static final float EPS = 1e-4f;

    @Test
    void translationAndCutoutMovePixelsAndWriteOnlyZeros() {
        // colours away from black, so a zero can only come from the augmentation
        float[] in = new float[N * SIZE * SIZE * 3];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) ((rnd.nextBoolean() ? 1 : -1) * (0.2 + 0.8 * rnd.nextDouble()));
        }
        float[] out = augment(in, 11, 5);
        assertArrayEquals(out, augment(in, 11, 5), "the same seed, the same augmentation");
        int shifted = 0;
        for (int n = 0; n < N; n++) {
            int[] shift = shiftOf(in, out, n);
            shifted += shift[0] != 0 || shift[1] != 0 ? 1 : 0;
            assertCutoutIsOneSquare(out, n, shift);
        }
        assertTrue(shifted > 0, "some of " + N + " images are shifted");
    }

    /** The one shift (dy, dx) under which every non-black output pixel is the input's pixel. */
    private static int[] shiftOf(float[] in, float[] out, int n) {
        int[] found = null;
        for (int dy = -PAD; dy <= PAD; dy++) {
            for (int dx = -PAD; dx <= PAD; dx++) {
                if (explains(in, out, n, dy, dx)) {
                    assertTrue(found == null, "image " + n + ": one shift explains it");
                    found = new int[] {dy, dx};
                }
            }
        }
        assertTrue(found != null, "image " + n + ": its pixels are the input's, moved by at most " + PAD);
        return found;
    }

    /** Output (y, x) is black or input (y - dy, x - dx); black wherever that is outside the image. */
    private static boolean explains(float[] in, float[] out, int n, int dy, int dx) {
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean black = isBlack(out, n, y, x);
                int sy = y - dy;
                int sx = x - dx;
                if (sy < 0 || sy >= SIZE || sx < 0 || sx >= SIZE) {
                    if (!black) {
                        return false;
                    }
                } else if (!black) {
                    for (int c = 0; c < 3; c++) {
                        if (Math.abs(out[index(n, y, x, c)] - in[index(n, sy, sx, c)]) > EPS) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** The black pixels that have a source in the image form one filled rectangle of at most size/2 + 1 a side. */
    private static void assertCutoutIsOneSquare(float[] out, int n, int[] shift) {
        int top = SIZE;
        int bottom = -1;
        int left = SIZE;
        int right = -1;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (hasSource(y, x, shift) && isBlack(out, n, y, x)) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        assertTrue(bottom >= 0, "image " + n + ": the cutout, centred in the image, always blanks something");
        assertTrue(bottom - top + 1 <= SIZE / 2 + 1 && right - left + 1 <= SIZE / 2 + 1,
                "image " + n + ": cutout rows " + top + ".." + bottom + ", columns " + left + ".." + right);
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                if (hasSource(y, x, shift)) {
                    assertTrue(isBlack(out, n, y, x), "image " + n + ": the cutout is filled at " + y + "," + x);
                }
            }
        }
    }

    private static boolean hasSource(int y, int x, int[] shift) {
        int sy = y - shift[0];
        int sx = x - shift[1];
        return sy >= 0 && sy < SIZE && sx >= 0 && sx < SIZE;
    }

    private static boolean isBlack(float[] img, int n, int y, int x) {
        boolean black = Math.abs(img[index(n, y, x, 0)]) < EPS;
        for (int c = 1; c < 3; c++) {
            assertEquals(black, Math.abs(img[index(n, y, x, c)]) < EPS, "a pixel is blanked in all channels or none");
        }
        return black;
    }

    private static int index(int n, int y, int x, int c) {
        return ((n * SIZE + y) * SIZE + x) * 3 + c;
    }

    private static float[] augment(float[] images, long seed0, long seed1) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            Placeholder<TInt64> seed = tf.placeholder(TInt64.class);
            Operand<TFloat32> y = DiffAugment.apply(tf, x, seed, SIZE);
            try (Session s = new Session(g);
                 TFloat32 xt = TFloat32.tensorOf(Shape.of(N, SIZE, SIZE, 3), DataBuffers.of(images, true, false));
                 TInt64 st = TInt64.vectorOf(seed0, seed1);
                 Result r = s.runner().feed(x, xt).feed(seed, st).fetch(y).run()) {
                float[] out = new float[images.length];
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
                return out;
            }
        }
    }
}
