package org.emotionart.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * InceptionV3 without its top and with global average pooling, as Keras'
 * {@code keras.applications.InceptionV3(include_top=False, pooling="avg")}: the feature extractor
 * FID is defined on (2,048 features). Built for inference only, from Keras' weights file
 * ({@link InceptionWeights}), with the weights as graph constants. Every {@code conv2d_bn} is Keras':
 * Conv2D without bias → BatchNormalization(scale=False, epsilon=1e-3) → ReLU, named in creation order
 * {@code conv2d_1 … conv2d_94} and {@code batch_normalization_1 … _94} (so bound by name):
 *
 * <pre>
 * stem     conv 32 3×3/2 valid · conv 32 3×3 valid · conv 64 3×3 · maxpool 3/2
 *          conv 80 1×1 valid · conv 192 3×3 valid · maxpool 3/2                      299 → 35
 * mixed0-2 [1×1 64] [1×1 48, 5×5 64] [1×1 64, 3×3 96, 3×3 96] [avgpool 3, 1×1 32|64|64]   35×35×256|288|288
 * mixed3   [3×3/2 384] [1×1 64, 3×3 96, 3×3/2 96] [maxpool 3/2]                      17×17×768
 * mixed4-7 [1×1 192] [1×1 c, 1×7 c, 7×1 192] [1×1 c, 7×1 c, 1×7 c, 7×1 c, 1×7 192]
 *          [avgpool 3, 1×1 192]      c = 128, 160, 160, 192                          17×17×768
 * mixed8   [1×1 192, 3×3/2 320] [1×1 192, 1×7 192, 7×1 192, 3×3/2 192] [maxpool 3/2]  8×8×1280
 * mixed9-10 [1×1 320] [1×1 384, (1×3 384 | 3×1 384)] [1×1 448, 3×3 384, (1×3 384 | 3×1 384)]
 *          [avgpool 3, 1×1 192]                                                      8×8×2048
 * global average pool                                                                2048
 * </pre>
 *
 * Input: RGB in 0..255 of any size, resized bilinearly to 299×299 (as FID implementations do), then
 * Keras' "tf" preprocessing (x / 127.5 − 1). {@code divisor} narrows every layer by that factor for
 * tests (16 gives 2,048 / 16 = 128 features); the real network is divisor 1.
 */
public final class InceptionV3 {
    public static final int INPUT_SIZE = 299;
    public static final int FEATURES = 2048;
    static final float BN_EPSILON = 1e-3f;

    private final Ops tf;
    private final InceptionWeights weights;
    private final int divisor;
    private int layer;

    private InceptionV3(Ops tf, InceptionWeights weights, int divisor) {
        this.tf = tf;
        this.weights = weights;
        this.divisor = divisor;
    }

    /** Features [N, 2048 / divisor] of RGB images [N, H, W, 3] in 0..255. */
    public static Operand<TFloat32> features(Ops tf, Operand<TFloat32> rgb255, InceptionWeights weights) {
        InceptionV3 net = new InceptionV3(tf, weights, weights.divisor());
        return net.forward(rgb255);
    }

    /** Every (kernel shape) of the network in creation order: what a weights file must hold. */
    public static List<long[]> kernelShapes(int divisor) {
        List<long[]> shapes = new ArrayList<>();
        InceptionV3 net = new InceptionV3(null, null, divisor);
        net.shapes = shapes;
        net.forward(null);
        return shapes;
    }

    private List<long[]> shapes;

    private Operand<TFloat32> forward(Operand<TFloat32> rgb255) {
        Operand<TFloat32> x = null;
        if (tf != null) {
            Operand<TFloat32> resized = tf.image.resizeBilinear(rgb255, tf.constant(new int[] {INPUT_SIZE, INPUT_SIZE}),
                    ResizeBilinear.halfPixelCenters(true));
            x = tf.math.sub(tf.math.div(resized, tf.constant(127.5f)), tf.constant(1f));
        }
        Node n = new Node(x, 3);
        n = convBn(n, 32, 3, 3, 2, "VALID");
        n = convBn(n, 32, 3, 3, 1, "VALID");
        n = convBn(n, 64, 3, 3, 1, "SAME");
        n = maxPool(n);
        n = convBn(n, 80, 1, 1, 1, "VALID");
        n = convBn(n, 192, 3, 3, 1, "VALID");
        n = maxPool(n);
        for (int pool : new int[] {32, 64, 64}) { // mixed0, 1, 2
            Node b1 = convBn(n, 64, 1, 1, 1, "SAME");
            Node b5 = convBn(convBn(n, 48, 1, 1, 1, "SAME"), 64, 5, 5, 1, "SAME");
            Node b3 = convBn(convBn(convBn(n, 64, 1, 1, 1, "SAME"), 96, 3, 3, 1, "SAME"), 96, 3, 3, 1, "SAME");
            Node bp = convBn(avgPool(n), pool, 1, 1, 1, "SAME");
            n = concat(b1, b5, b3, bp);
        }
        { // mixed3
            Node b3 = convBn(n, 384, 3, 3, 2, "VALID");
            Node bd = convBn(convBn(convBn(n, 64, 1, 1, 1, "SAME"), 96, 3, 3, 1, "SAME"), 96, 3, 3, 2, "VALID");
            n = concat(b3, bd, maxPool(n));
        }
        for (int c : new int[] {128, 160, 160, 192}) { // mixed4..7
            Node b1 = convBn(n, 192, 1, 1, 1, "SAME");
            Node b7 = convBn(n, c, 1, 1, 1, "SAME");
            b7 = convBn(b7, c, 1, 7, 1, "SAME");
            b7 = convBn(b7, 192, 7, 1, 1, "SAME");
            Node bd = convBn(n, c, 1, 1, 1, "SAME");
            bd = convBn(bd, c, 7, 1, 1, "SAME");
            bd = convBn(bd, c, 1, 7, 1, "SAME");
            bd = convBn(bd, c, 7, 1, 1, "SAME");
            bd = convBn(bd, 192, 1, 7, 1, "SAME");
            Node bp = convBn(avgPool(n), 192, 1, 1, 1, "SAME");
            n = concat(b1, b7, bd, bp);
        }
        { // mixed8
            Node b3 = convBn(convBn(n, 192, 1, 1, 1, "SAME"), 320, 3, 3, 2, "VALID");
            Node b7 = convBn(n, 192, 1, 1, 1, "SAME");
            b7 = convBn(b7, 192, 1, 7, 1, "SAME");
            b7 = convBn(b7, 192, 7, 1, 1, "SAME");
            b7 = convBn(b7, 192, 3, 3, 2, "VALID");
            n = concat(b3, b7, maxPool(n));
        }
        for (int i = 0; i < 2; i++) { // mixed9, 10
            Node b1 = convBn(n, 320, 1, 1, 1, "SAME");
            Node b3 = convBn(n, 384, 1, 1, 1, "SAME");
            Node b3a = convBn(b3, 384, 1, 3, 1, "SAME");
            Node b3b = convBn(b3, 384, 3, 1, 1, "SAME");
            Node bd = convBn(n, 448, 1, 1, 1, "SAME");
            bd = convBn(bd, 384, 3, 3, 1, "SAME");
            Node bda = convBn(bd, 384, 1, 3, 1, "SAME");
            Node bdb = convBn(bd, 384, 3, 1, 1, "SAME");
            Node bp = convBn(avgPool(n), 192, 1, 1, 1, "SAME");
            n = concat(b1, concat(b3a, b3b), concat(bda, bdb), bp);
        }
        return tf == null ? null : tf.math.mean(n.x, tf.constant(new int[] {1, 2}));
    }

    /** A tensor and its channel count (the tensor is null when only shapes are collected). */
    private record Node(Operand<TFloat32> x, int channels) {
    }

    private Node convBn(Node in, int filters, int kh, int kw, int stride, String padding) {
        layer++;
        int out = filters / divisor;
        long[] shape = {kh, kw, in.channels(), out};
        if (tf == null) {
            shapes.add(shape);
            return new Node(null, out);
        }
        InceptionWeights.ConvBn w = weights.layer(layer);
        Operand<TFloat32> kernel = tf.constant(Shape.of(shape), DataBuffers.of(w.kernel()));
        Operand<TFloat32> y = tf.nn.conv2d(in.x(), kernel, List.of(1L, (long) stride, (long) stride, 1L), padding);
        float[] scale = new float[out];
        float[] shift = new float[out];
        for (int c = 0; c < out; c++) {
            scale[c] = (float) (1.0 / Math.sqrt(w.variance()[c] + BN_EPSILON));
            shift[c] = w.beta()[c] - w.mean()[c] * scale[c];
        }
        y = tf.math.add(tf.math.mul(y, tf.constant(scale)), tf.constant(shift));
        return new Node(tf.nn.relu(y), out);
    }

    private Node maxPool(Node in) {
        if (tf == null) {
            return in;
        }
        return new Node(tf.nn.maxPool(in.x(), tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 2, 2, 1}),
                "VALID"), in.channels());
    }

    private Node avgPool(Node in) {
        if (tf == null) {
            return in;
        }
        return new Node(tf.nn.avgPool(in.x(), List.of(1L, 3L, 3L, 1L), List.of(1L, 1L, 1L, 1L), "SAME"), in.channels());
    }

    private Node concat(Node... parts) {
        int channels = 0;
        List<Operand<TFloat32>> xs = new ArrayList<>();
        for (Node p : parts) {
            channels += p.channels();
            xs.add(p.x());
        }
        return new Node(tf == null ? null : tf.concat(xs, tf.constant(3)), channels);
    }
}
