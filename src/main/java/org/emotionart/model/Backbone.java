package org.emotionart.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The image part of the emotion classifier: RGB pixels in, a feature vector per image out. */
public interface Backbone {
    /** RGB in 0..255 [N, S, S, 3] → what the first layer expects. */
    Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> rgb255);

    /** Preprocessed images → features [N, featureSize()]. */
    Operand<TFloat32> features(Layers layers, Operand<TFloat32> x, Layers.Mode mode);

    int featureSize();

    /** True when the backbone's weights stay fixed in training (VGG16 with ImageNet weights). */
    boolean frozen();
}
