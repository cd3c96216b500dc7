package org.emotionart.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Gradients of a loss with respect to one network's own variables, ready for
 * {@code optimizer.applyGradients}. ({@code Optimizer.minimize} differentiates against every
 * variable in the graph, which fails when some, like the other network or BN moving averages, are
 * unreachable from the loss; this is how each network gets its own optimizer.)
 */
final class Gradients {
    private Gradients() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<GradAndVar<? extends TType>> of(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
        var grads = tf.gradients(loss, variables);
        List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            pairs.add(new GradAndVar(grads.dy(i), (Output) variables.get(i).asOutput()));
        }
        return pairs;
    }
}
