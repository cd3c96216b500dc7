package org.emotionart.export;

import org.emotionart.bundle.SavedModels;
import org.emotionart.bundle.BundleMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.emotionart.model.Backbone;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.EmotionHead;
import org.emotionart.model.Layers;
import org.emotionart.model.Preprocess;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * A classifier SavedModel, from an inference graph (batch norm on moving averages, no dropout):
 * <ul>
 *   <li>{@code serving_default}: {@code image_bytes} string [N] (JPEG, PNG, GIF or BMP files; TF
 *       Serving's REST clients send them as {"b64": ...}) → {@code probabilities} float32 [N, 3] and
 *       {@code emotion} int32 [N]; decoding, centre crop and resize happen in the graph;</li>
 *   <li>{@code classify_pixels}: {@code pixels} float32 [N, H, W, 3] RGB in 0..255 → the same outputs
 *       and {@code features} float32 [N, hidden], the head's penultimate layer (after its ReLU), which
 *       {@code evaluate} measures image quality in (bundles before version 2 of this layout lack it:
 *       {@code EmotionClassifier} then finds the same tensor in the graph).</li>
 * </ul>
 */
public final class ClassifierBundle {
    public static final String PIXELS = org.emotionart.bundle.Signatures.CLASSIFY_PIXELS;
    /** The output of {@link #PIXELS} with the penultimate layer's activations. */
    public static final String FEATURES = org.emotionart.bundle.Signatures.FEATURES;

    private ClassifierBundle() {
    }

    public static Path fromCheckpoint(String checkpointPrefix, ClassifierSpec spec, Path modelDir,
                                      Optional<Long> version, BundleMetadata metadata) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Backbone backbone = spec.createBackbone();
            Layers backboneLayers = new Layers(tf, 0);
            Layers headLayers = new Layers(tf, 1);
            int size = spec.imageSize();

            Placeholder<TString> bytes = tf.withName("image_bytes").placeholder(TString.class,
                    Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> pixels = tf.withName("pixels").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> fromBytes = Preprocess.decodeBatch(graph, tf, bytes, size);
            Operand<TFloat32> fromPixels = Preprocess.squareResize(tf, pixels, size);
            Operand<TFloat32>[] probs = new Operand[2];
            Operand<TInt32>[] emotion = new Operand[2];
            Operand<TFloat32> features = null;
            List<Operand<TFloat32>> inputs = List.of(fromBytes, fromPixels);
            for (int i = 0; i < 2; i++) {
                Operand<TFloat32> f = backbone.features(backboneLayers, backbone.preprocess(tf, inputs.get(i)),
                        Layers.Mode.INFERENCE);
                EmotionHead head = spec.createHead(backbone);
                Operand<TFloat32> hidden = head.hidden(headLayers, f);
                if (i == 1) {
                    features = tf.withName("features_pixels").identity(hidden);
                }
                Operand<TFloat32> logits = head.logitsOfHidden(headLayers, hidden, null);
                probs[i] = tf.withName(i == 0 ? "probabilities" : "probabilities_pixels").nn.softmax(logits);
                emotion[i] = tf.withName(i == 0 ? "emotion" : "emotion_pixels").math.argMax(logits, tf.constant(1),
                        TInt32.class);
            }
            try (Session session = new Session(graph)) {
                session.restore(checkpointPrefix);
                Signature byBytes = Signature.builder().key(Signature.DEFAULT_KEY).input("image_bytes", bytes)
                        .output("probabilities", probs[0]).output("emotion", emotion[0]).build();
                Signature byPixels = Signature.builder().key(PIXELS).input("pixels", pixels)
                        .output("probabilities", probs[1]).output("emotion", emotion[1]).output(FEATURES, features).build();
                return SavedModels.export(modelDir, version, session,
                        List.of(SessionFunction.create(byBytes, session), SessionFunction.create(byPixels, session)),
                        metadata);
            }
        }
    }
}
