package org.emotionart.export;

import org.emotionart.bundle.SavedModels;
import org.emotionart.bundle.BundleMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Generator;
import org.emotionart.model.Layers;
import org.emotionart.model.SeededNoise;
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
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * A generator SavedModel, built from a separate inference graph (batch norm on the moving averages)
 * that holds only the generator's variables. Signatures:
 * <ul>
 *   <li>{@code serving_default}: {@code emotion} int32 [N], {@code seed} int64 [N] → {@code images}
 *       uint8 [N, S, S, 3]; the noise is drawn in the graph from each seed ({@link SeededNoise}), so a
 *       seed gives the same image anywhere, alone or in a batch;</li>
 *   <li>{@code generate_from_z}: {@code z} float32 [N, zDim], {@code emotion} int32 [N] → {@code images};</li>
 *   <li>{@code generate_blend}: {@code seed} int64 [N] and {@code emotion_weights} float32 [N, 3] (the
 *       condition vector itself: one-hot for a plain emotion, a mix in between, for walks across
 *       emotions) → {@code images}; with one-hot weights it gives exactly serving_default's image.</li>
 * </ul>
 */
public final class GeneratorBundle {
    public static final String FROM_Z = org.emotionart.bundle.Signatures.GENERATE_FROM_Z;
    public static final String BLEND = org.emotionart.bundle.Signatures.GENERATE_BLEND;

    private GeneratorBundle() {
    }

    /** The inference graph's ends; {@link #layers} holds the generator's variables (to restore or assign). */
    public record ServingGraph(Layers layers, Placeholder<TInt32> emotion, Placeholder<TInt64> seed,
                               Placeholder<TFloat32> z, Operand<TUint8> images, Operand<TUint8> imagesFromZ,
                               Placeholder<TFloat32> emotionWeights, Operand<TUint8> imagesBlend) {
        public List<SessionFunction> functions(Session session) {
            Signature bySeed = Signature.builder().key(Signature.DEFAULT_KEY)
                    .input("emotion", emotion).input("seed", seed).output("images", images).build();
            Signature byZ = Signature.builder().key(FROM_Z)
                    .input("z", z).input("emotion", emotion).output("images", imagesFromZ).build();
            Signature blend = Signature.builder().key(BLEND)
                    .input("seed", seed).input("emotion_weights", emotionWeights).output("images", imagesBlend).build();
            return List.of(SessionFunction.create(bySeed, session), SessionFunction.create(byZ, session),
                    SessionFunction.create(blend, session));
        }
    }

    /** Builds the serving graph; {@code batchNorm} is INFERENCE (moving averages) or BATCH_STATS. */
    public static ServingGraph build(Graph graph, GanSpec spec, Layers.Mode batchNorm) {
        Ops tf = Ops.create(graph);
        Layers layers = new Layers(tf, 0);
        Generator generator = new Generator(spec);
        Placeholder<TInt32> emotion = tf.withName("emotion").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Placeholder<TInt64> seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
        Placeholder<TFloat32> z = tf.withName("z").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, spec.zDim())));
        Operand<TFloat32> oneHot = Generator.oneHot(tf, emotion);
        Operand<TFloat32> seededNoise = SeededNoise.normal(tf, seed, spec.zDim());
        Operand<TUint8> images = tf.withName("images").identity(Generator.toPixels(tf,
                generator.forward(layers, seededNoise, oneHot, batchNorm)));
        Operand<TUint8> fromZ = tf.withName("images_from_z").identity(Generator.toPixels(tf,
                generator.forward(layers, z, oneHot, batchNorm)));
        Placeholder<TFloat32> weights = tf.withName("emotion_weights").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, GanSpec.CLASSES)));
        Operand<TUint8> blend = tf.withName("images_blend").identity(Generator.toPixels(tf,
                generator.forward(layers, seededNoise, weights, batchNorm)));
        return new ServingGraph(layers, emotion, seed, z, images, fromZ, weights, blend);
    }

    /** Gives the serving graph's variables their values. */
    @FunctionalInterface
    public interface Filler {
        void fill(ServingGraph graph, Session session) throws IOException;
    }

    /** Exports a trained generator from a training checkpoint (only the generator's tensors are read). */
    public static Path fromCheckpoint(String checkpointPrefix, GanSpec spec, Path modelDir, Optional<Long> version,
                                      BundleMetadata metadata) throws IOException {
        return export(spec, Layers.Mode.INFERENCE, (graph, session) -> session.restore(checkpointPrefix), modelDir,
                version, metadata);
    }

    /**
     * Builds the serving graph, lets {@code fill} give its variables their values (restore a
     * checkpoint, or assign imported weights), and exports it.
     */
    public static Path export(GanSpec spec, Layers.Mode batchNorm, Filler fill, Path modelDir,
                              Optional<Long> version, BundleMetadata metadata) throws IOException {
        try (Graph graph = new Graph()) {
            ServingGraph serving = build(graph, spec, batchNorm);
            try (Session session = new Session(graph)) {
                fill.fill(serving, session);
                return SavedModels.export(modelDir, version, session, serving.functions(session), metadata);
            }
        }
    }
}
