package org.emotionart.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.emotionart.EmotionArtException;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Weights from elsewhere (a PyTorch state_dict, a Keras HDF5 file) by our variable names, and how
 * they get into a running graph: fed through placeholders into assign ops, so the graph holds no
 * copy of them. Run the session's initializers first, so they cannot overwrite these values later.
 */
public final class NamedWeights {
    private NamedWeights() {
    }

    /** One tensor's shape and values (row-major, TF's layout). */
    public record Weight(long[] shape, float[] values) {
        @Override
        public String toString() {
            return Arrays.toString(shape);
        }
    }

    /** Assigns every variable of {@code layers} from {@code weights}; each must be there with its exact shape. */
    public static void assign(Layers layers, Session session, Map<String, Weight> weights) {
        Ops tf = layers.tf();
        List<TFloat32> feeds = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (Map.Entry<String, Variable<TFloat32>> e : layers.allVariables().entrySet()) {
                Weight w = weights.get(e.getKey());
                if (w == null) {
                    throw new EmotionArtException("no value for variable " + e.getKey() + " (have " + weights.keySet() + ")");
                }
                Shape shape = Shape.of(w.shape());
                if (!e.getValue().shape().isCompatibleWith(shape)) {
                    throw new EmotionArtException("variable " + e.getKey() + " is " + e.getValue().shape()
                            + " but its value is " + shape);
                }
                Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
                TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(w.values(), true, false));
                feeds.add(t);
                runner.feed(value, t).addTarget(tf.assign(e.getValue(), value));
            }
            try (Result r = runner.run()) {
                // targets only
            }
        } finally {
            feeds.forEach(TFloat32::close);
        }
    }
}
