package org.emotionart.model;

import org.emotionart.Emotion;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The MLP head that turns backbone features into the three emotion logits, as the original's
 * Keras head on VGG16:
 *
 * <pre>
 * Dense(hidden), ReLU · Dropout(rate) · Dense(3)        (softmax in the loss / the bundle)
 * </pre>
 */
public final class EmotionHead {
    private final int features;
    private final int hidden;
    private final float dropout;

    public EmotionHead(int features, int hidden, float dropout) {
        this.features = features;
        this.hidden = hidden;
        this.dropout = dropout;
    }

    /** features [N, F] → logits [N, 3]; {@code dropoutSeed} null means inference (no dropout). */
    public Operand<TFloat32> logits(Layers layers, Operand<TFloat32> x, Operand<TInt64> dropoutSeed) {
        return logitsOfHidden(layers, hidden(layers, x), dropoutSeed);
    }

    /**
     * The penultimate layer, features [N, F] → [N, hidden] after the ReLU: the classifier's own
     * feature space, which {@code evaluate} measures image quality in.
     */
    public Operand<TFloat32> hidden(Layers layers, Operand<TFloat32> x) {
        return layers.relu(layers.dense("H_dense0", x, features, hidden, Layers.heStd(features)));
    }

    /** hidden [N, hidden] (from {@link #hidden}) → logits [N, 3]. */
    public Operand<TFloat32> logitsOfHidden(Layers layers, Operand<TFloat32> x, Operand<TInt64> dropoutSeed) {
        if (dropoutSeed != null && dropout > 0) {
            x = layers.dropout(x, dropout, dropoutSeed);
        }
        return layers.dense("H_dense1", x, hidden, Emotion.COUNT, (float) Math.sqrt(1.0 / hidden));
    }

    public int hiddenSize() {
        return hidden;
    }
}
