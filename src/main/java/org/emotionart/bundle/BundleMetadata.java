package org.emotionart.bundle;

import java.util.List;
import java.util.Map;

/**
 * What a bundle is, written as {@code assets.extra/emotion-art.json} beside {@code saved_model.pb}
 * (TF Serving ignores assets.extra; our facade and {@code models} read it). {@code trainedOn} says in
 * words what data the weights came from, e.g. "procedural benchmark (emotion-art synth ...)".
 */
public record BundleMetadata(
        String kind,
        String name,
        String style,
        List<String> emotions,
        int imageSize,
        int zDim,
        Map<String, Object> architecture,
        String trainedOn,
        long steps,
        String source,
        String retrainCommand,
        String createdBy,
        String created) {

    public static final String FILE = "assets.extra/emotion-art.json";
    public static final String GENERATOR = "generator";
    public static final String CLASSIFIER = "classifier";
}
