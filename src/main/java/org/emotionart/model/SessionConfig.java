package org.emotionart.model;

import java.util.Locale;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/** TensorFlow session settings: thread count and numeric precision. */
public final class SessionConfig {
    /** FP32 everywhere, or oneDNN's automatic BF16 rewrite (needs AVX512_BF16 or AMX to be fast). */
    public enum Precision {
        FP32, BF16;

        public static Precision parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private SessionConfig() {
    }

    /** {@code threads} ≤ 0 lets TensorFlow use every core (the default, and the fastest here). */
    public static ConfigProto create(int threads, Precision precision) {
        ConfigProto.Builder b = ConfigProto.newBuilder();
        if (threads > 0) {
            b.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
        }
        if (precision == Precision.BF16) {
            b.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
                    .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
        }
        return b.build();
    }

    /**
     * {@code config} for a training graph: without Grappler's remapper, which fails on the gradient
     * graphs ("remapper failed: ... fanout 'Gradients/LeakyReluGrad_6' exist for missing node", so it
     * changes nothing there) and says so on stderr, and without the memory optimizer, whose cost
     * estimates print "Error in PredictCost() for the op: CropAndResize" for DiffAugment's crops (on a
     * CPU it has nothing to swap). Inference graphs keep both: the remapper does fuse them.
     */
    public static ConfigProto forTraining(ConfigProto config) {
        ConfigProto.Builder b = config.toBuilder();
        GraphOptions.Builder g = b.getGraphOptions().toBuilder();
        g.setRewriteOptions(g.getRewriteOptions().toBuilder().setRemapping(RewriterConfig.Toggle.OFF)
                .setMemoryOptimization(RewriterConfig.MemOptType.NO_MEM_OPT));
        return b.setGraphOptions(g).build();
    }

    public static ConfigProto defaults() {
        return create(0, Precision.FP32);
    }
}
