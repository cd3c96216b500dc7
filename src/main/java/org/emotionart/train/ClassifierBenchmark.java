package org.emotionart.train;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.emotionart.Emotion;
import org.emotionart.model.Backbone;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.CompactCnn;
import org.emotionart.model.Layers;
import org.emotionart.model.Vgg16;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times the classifier's forward pass (preprocessing, backbone, head, softmax: what a bundle's
 * {@code classify_pixels} runs, less its resize) on random weights and random pixels, and counts its
 * arithmetic. No weights file is needed: the variables keep their random initial values.
 */
public final class ClassifierBenchmark {
    private ClassifierBenchmark() {
    }

    /**
     * Floating-point operations of one image's forward pass, counting a multiply-add as two (the
     * convention of a CPU's FMA peak). Convolutions and dense layers only; ReLU, pooling, batch norm
     * and softmax are below 0.1%. VGG16 at 224 px: 15.35 G multiply-adds = 30.7 GFLOP (the "15.5
     * GFLOPs" often quoted for VGG16 counts multiply-adds, with the top).
     */
    public static double flopsPerImage(ClassifierSpec spec) {
        Backbone backbone = spec.createBackbone();
        double macs = 0;
        int side = spec.imageSize();
        int cin = 3;
        if (backbone instanceof Vgg16 vgg) {
            for (int[] block : vgg.blocks()) {
                for (int cout : block) {
                    macs += (double) side * side * 9 * cin * cout;
                    cin = cout;
                }
                side /= 2;
            }
        } else if (backbone instanceof CompactCnn) {
            for (int stage = 0; stage < 3; stage++) {
                int cout = spec.width() << stage;
                macs += (double) side * side * 9 * (cin + cout) * cout;
                cin = cout;
                side /= 2;
            }
            macs += (double) side * side * 9 * cin * backbone.featureSize();
        } else {
            throw new IllegalArgumentException("no operation count for " + backbone.getClass().getSimpleName());
        }
        macs += (double) backbone.featureSize() * spec.hidden() + (double) spec.hidden() * Emotion.COUNT;
        return 2 * macs;
    }

    /**
     * Wall-clock and process CPU milliseconds of each timed pass. CPU time shows how much of the
     * machine the process had: on cores shared with other jobs, wall-clock rates understate what the
     * code does alone (TF's spinning worker threads count as CPU time, so the CPU-based figure errs low).
     */
    public record Timing(double[] wallMs, double[] cpuMs) {
    }

    /** Times forward passes of a batch of {@code batch} random images. */
    public static Timing forward(ClassifierSpec spec, int batch, int warmup, int steps, ConfigProto config) {
        int s = spec.imageSize();
        float[] pixels = new float[batch * s * s * 3];
        SplittableRandom rnd = new SplittableRandom(0);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextInt(256);
        }
        double[] ms = new double[steps];
        double[] cpu = new double[steps];
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Backbone backbone = spec.createBackbone();
            Layers backboneLayers = new Layers(tf, 0);
            Layers headLayers = new Layers(tf, 1);
            Placeholder<TFloat32> input = tf.withName("pixels").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, s, s, 3)));
            Operand<TFloat32> features = backbone.features(backboneLayers, backbone.preprocess(tf, input),
                    Layers.Mode.INFERENCE);
            Operand<TFloat32> probabilities = tf.nn.softmax(spec.createHead(backbone).logits(headLayers, features, null));
            try (Session session = new Session(graph, config);
                 TFloat32 x = TFloat32.tensorOf(Shape.of(batch, s, s, 3), DataBuffers.of(pixels, true, false))) {
                session.initialize();
                for (int i = -warmup; i < steps; i++) {
                    long t0 = System.nanoTime();
                    long c0 = processCpuNanos();
                    try (Result r = session.runner().feed(input, x).fetch(probabilities).run()) {
                        if (r.get(0).shape().get(0) != batch) {
                            throw new IllegalStateException("unexpected output " + r.get(0).shape());
                        }
                    }
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                        cpu[i] = (processCpuNanos() - c0) / 1e6;
                    }
                }
            }
        }
        return new Timing(ms, cpu);
    }

    /** CPU time of the whole process (all threads, TF's native ones included), or -1 where unknown. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
