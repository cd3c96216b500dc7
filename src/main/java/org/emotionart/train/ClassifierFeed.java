package org.emotionart.train;

import java.io.IOException;
import java.nio.file.Path;
import org.emotionart.data.ImageSet;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * What the classifier's steps are fed: the one place where a trainable backbone and a frozen one
 * differ in training. A trainable backbone ({@link PixelFeed}) is fed pixels, augmented in the graph
 * at every step; a frozen one ({@link FeatureCache}) is fed the features its backbone computed once,
 * and validation reads the head on those features.
 */
interface ClassifierFeed {

    /** The feed of {@code net}'s backbone: a feature cache (computed now if needed) when it is frozen, pixels otherwise. */
    static ClassifierFeed of(Session session, ClassifierGraph net, ClassifierRunConfig config, ImageSet data,
                             StratifiedSplit split, Path runDir) throws IOException {
        return net.backbone.frozen() ? FeatureCache.load(session, net, config, data, split, runDir)
                : new PixelFeed(net, data, split);
    }

    /** The placeholder batches go to. */
    Operand<?> input();

    /** Validation logits and (class-weighted) loss of a fed batch. */
    Operand<TFloat32> logits();

    Operand<TFloat32> loss();

    /** The training batch of the images at positions {@code idx} of the split's training side, in this epoch. */
    Tensor trainBatch(int[] idx, int epoch);

    /** The batch of the images at positions {@code idx} of the split's validation side. */
    Tensor validationBatch(int[] idx);
}
