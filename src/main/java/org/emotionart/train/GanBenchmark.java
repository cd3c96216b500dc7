package org.emotionart.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emotionart.Emotion;
import org.emotionart.data.ImageSet;
import org.emotionart.model.GanSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Times training steps exactly as {@link GanTrainer} runs them (batch assembly, noise, one session
 * run per step) on random "real" images: uniform noise, a pool of 4 batches, as the PyTorch reference
 * step benchmark does.
 */
public final class GanBenchmark {
    private GanBenchmark() {
    }

    /** Milliseconds of each timed step. */
    public static double[] trainSteps(GanSpec spec, int batch, int warmup, int steps, ConfigProto config) {
        return trainSteps(spec, new GanSettings(batch, 2e-4f, 0.5f, 0.999f, 0), Conditioning.CONCAT, null,
                warmup, steps, config);
    }

    /**
     * Milliseconds of each timed step at exactly these settings and architecture (DiffAugment, EMA,
     * the projection discriminator, …), on {@code data} (a style's cached paintings) or, when null,
     * on random images.
     */
    public static double[] trainSteps(GanSpec spec, GanSettings settings, Conditioning conditioning, ImageSet data,
                                      int warmup, int steps, ConfigProto config) {
        return timed(spec, settings, conditioning, data, warmup, steps, 0, config).ms();
    }

    /** One op type's share of a traced step: milliseconds per step summed over its nodes, and how many ran. */
    public record OpTime(String type, double msPerStep, int nodes) {
    }

    /**
     * The timed steps ({@code ms}), then {@code tracedSteps} more under TensorFlow's full trace: the time
     * of each op type per step, longest first ({@code ops}; empty when none were traced). Op types are
     * those the executor ran (after Grappler's and oneDNN's rewrites, e.g. {@code _MklNativeConv2D}).
     */
    public record Timing(double[] ms, List<OpTime> ops) {
    }

    /** As {@link #trainSteps(GanSpec, GanSettings, Conditioning, ImageSet, int, int, ConfigProto)}, then traced. */
    public static Timing timed(GanSpec spec, GanSettings settings, Conditioning conditioning, ImageSet data,
                               int warmup, int steps, int tracedSteps, ConfigProto config) {
        int batch = settings.batch();
        if (data == null) {
            data = randomData(spec, batch);
        }
        GanTrainer.Batches batches = new GanTrainer.Batches(data, batch, settings.seed());
        double[] ms = new double[steps];
        try (Graph graph = new Graph()) {
            GanGraph net = new GanGraph(graph, spec, settings, conditioning);
            try (Session session = new Session(graph, org.emotionart.model.SessionConfig.forTraining(config))) {
                session.initialize();
                for (int i = -warmup; i < steps; i++) {
                    long t0 = System.nanoTime();
                    net.run(session, GanTrainer.stepInputs(data, batches, settings, spec.zDim(), i + warmup));
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                java.util.Map<String, double[]> byType = new java.util.HashMap<>(); // micros, nodes
                for (int t = 0; t < tracedSteps; t++) {
                    org.tensorflow.proto.RunMetadata md = net.traced(session,
                            GanTrainer.stepInputs(data, batches, settings, spec.zDim(), warmup + steps + t));
                    for (var device : md.getStepStats().getDevStatsList()) {
                        for (var node : device.getNodeStatsList()) {
                            double[] v = byType.computeIfAbsent(opType(graph, node), k -> new double[2]);
                            v[0] += node.getAllEndRelMicros();
                            v[1]++;
                        }
                    }
                }
                List<OpTime> ops = new ArrayList<>();
                byType.forEach((type, v) -> ops.add(new OpTime(type, v[0] / 1000.0 / tracedSteps,
                        (int) Math.round(v[1] / tracedSteps))));
                ops.sort(java.util.Comparator.comparingDouble(OpTime::msPerStep).reversed());
                return new Timing(ms, ops);
            }
        }
    }

    /** The type the executor ran a node as: from its timeline label ("name = Type(inputs)"), else the graph's. */
    private static String opType(Graph graph, org.tensorflow.proto.NodeExecStats node) {
        String label = node.getTimelineLabel();
        int eq = label.indexOf(" = ");
        int paren = label.indexOf('(', Math.max(eq, 0));
        if (eq >= 0 && paren > eq + 3) {
            return label.substring(eq + 3, paren);
        }
        var op = graph.operation(node.getNodeName());
        return op != null ? op.type() : "(" + node.getNodeName() + ")";
    }

    private static ImageSet randomData(GanSpec spec, int batch) {
        int s = spec.imageSize();
        int n = 4 * batch;
        byte[] pixels = new byte[n * s * s * 3];
        new SplittableRandom(0).nextBytes(pixels);
        List<String> paths = new ArrayList<>();
        Emotion[] emotions = new Emotion[n];
        for (int i = 0; i < n; i++) {
            paths.add("random/" + i);
            emotions[i] = Emotion.of(i % Emotion.COUNT);
        }
        return new ImageSet(s, pixels, paths, emotions);
    }
}
