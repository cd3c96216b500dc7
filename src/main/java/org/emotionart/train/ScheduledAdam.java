package org.emotionart.train;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam (Kingma and Ba) as the GAN trains with it: the learning rate is an operand of the graph, so it
 * can follow a schedule ({@code tensorflow-framework} 1.1's {@code Adam} bakes a constant in), and the
 * powers β₁ᵗ, β₂ᵗ move on only after every variable's update has read them, as in TensorFlow's Python
 * Adam (the framework's assigns them with no such dependency, so a step read either power, from run to
 * run). The variables are named exactly as the framework's {@code Adam} names them ({@code <var>-m},
 * {@code <var>-v}, {@code beta1_power}, {@code beta2_power} in construction order), so checkpoints of
 * runs trained before this class restore into it and resume.
 */
final class ScheduledAdam extends Optimizer {
    private final Operand<TFloat32> learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private Variable<TFloat32> beta1Power;
    private Variable<TFloat32> beta2Power;

    ScheduledAdam(Graph graph, String name, Operand<TFloat32> learningRate, float beta1, float beta2, float epsilon) {
        super(graph, name);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected void createSlots(List<Output<? extends TType>> variables) {
        for (Output<? extends TType> v : variables) {
            createMoments(v.asOutput());
        }
        Ops init = tf.withInitScope();
        beta1Power = init.withName("beta1_power").variable(Shape.scalar(), TFloat32.class);
        init.assign(beta1Power, tf.constant(beta1));
        beta2Power = init.withName("beta2_power").variable(Shape.scalar(), TFloat32.class);
        init.assign(beta2Power, tf.constant(beta2));
    }

    private <T extends TType> void createMoments(Output<T> v) {
        createSlot(v.asOutput(), "m", tf.fill(tf.shape(v), tf.dtypes.cast(tf.constant(0f), v.type())));
        createSlot(v.asOutput(), "v", tf.fill(tf.shape(v), tf.dtypes.cast(tf.constant(0f), v.type())));
    }

    @Override
    protected <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
        Variable<T> m = getSlot(variable, "m").orElseThrow();
        Variable<T> v = getSlot(variable, "v").orElseThrow();
        Class<T> type = gradient.type();
        return deps.train.applyAdam(variable, m, v, deps.dtypes.cast(beta1Power, type),
                deps.dtypes.cast(beta2Power, type), deps.dtypes.cast(learningRate, type),
                deps.dtypes.cast(tf.constant(beta1), type), deps.dtypes.cast(tf.constant(beta2), type),
                deps.dtypes.cast(tf.constant(epsilon), type), gradient, ApplyAdam.useLocking(true));
    }

    @Override
    protected Op finish(List<Op> updates, String name) {
        // the powers move on once every variable has read them (TF 1.x Python's Adam._finish)
        Ops after = tf.withControlDependencies(List.copyOf(updates));
        updates.add(after.assign(beta1Power, after.math.mul(beta1Power, after.constant(beta1))));
        updates.add(after.assign(beta2Power, after.math.mul(beta2Power, after.constant(beta2))));
        return super.finish(updates, name);
    }

    @Override
    public String getOptimizerName() {
        return "Adam";
    }
}
