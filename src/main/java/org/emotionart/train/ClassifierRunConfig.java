package org.emotionart.train;

import org.emotionart.model.ClassifierSpec;

/**
 * Everything that defines a classifier run ({@code config.json} in the run folder). {@code views}
 * is the number of augmented views per training image kept in the feature cache when the backbone
 * is frozen; {@code weights} the Keras VGG16 weights file (null for the compact backbone).
 */
public record ClassifierRunConfig(
        ClassifierSpec spec,
        String data,
        String labels,
        String trainedOn,
        String weights,
        int batch,
        float learningRate,
        int maxEpochs,
        int patience,
        float validationFraction,
        int views,
        long seed) {
}
