package org.emotionart.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A conditional discriminator: images [N, S, S, 3] in [-1, 1] and one-hot emotions [N, 3] → logits [N, 1]. */
public interface DiscriminatorNetwork {
    Operand<TFloat32> forward(Layers layers, Operand<TFloat32> images, Operand<TFloat32> emotionOneHot);
}
