package org.emotionart;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.export.ClassifierExport;
import org.emotionart.export.GeneratorBundle;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.GanSpec;
import org.emotionart.model.KerasWeights;
import org.emotionart.model.Layers;
import org.emotionart.train.ClassifierRunConfig;
import org.emotionart.train.ClassifierTrainer;
import org.tensorflow.proto.ConfigProto;

/**
 * Tiny models shared by tests: the tiny VGG16 of {@code src/test/resources/keras/} (its weights file
 * and the formula its values follow), and small classifier and generator bundles.
 */
public final class TinyModels {
    /** Blocks of 4, 8, 16, 32, 32 channels at 32 px: what tiny-vgg16-w4.h5 holds. */
    public static final ClassifierSpec TINY_VGG = new ClassifierSpec(ClassifierSpec.VGG16, 32, 4, 8, 0.5f);
    public static final String W4 = "tiny-vgg16-w4.h5";
    /** Width 1 (blocks 1, 2, 4, 8, 8), Keras 1 weight names as in the ImageNet file. */
    public static final String W1_KERAS1 = "tiny-vgg16-w1-keras1.h5";

    private TinyModels() {
    }

    public static Path keras(String name) {
        try {
            return Path.of(TinyModels.class.getResource("/keras/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource keras/" + name + " is missing", e);
        }
    }

    /** Value {@code index} (row-major [3, 3, cin, cout]) of conv layer {@code number} (1..13), as make_tiny_vgg16.py writes it. */
    public static float kernelValue(int number, int cin, int cout, long index) {
        long k = (37 * (index % ((long) cin * cout)) + 11L * number) % 101;
        int e = (int) Math.round(Math.log(3 * 0.45 / Math.sqrt(2.0 / (9 * cin))) / Math.log(2));
        return (float) Math.scalb(3.0 * (k - 50), -(7 + e));
    }

    public static float biasValue(int number, int j) {
        return (float) Math.scalb((double) ((13L * j + 7L * number) % 21 - 10), -8);
    }

    /**
     * Trains the head of {@link #TINY_VGG} (frozen backbone from tiny-vgg16-w4.h5) for a few epochs on
     * coloured squares and exports it as {@code dir/savedmodels/classifier/1}; returns the model folder.
     */
    public static Path classifierBundle(Path dir) throws Exception {
        ClassifierRunConfig config = new ClassifierRunConfig(TINY_VGG, "mem", "mem", "coloured squares (test)",
                keras(W4).toString(), 8, 1e-2f, 3, 50, 0.25f, 2, 3);
        KerasWeights weights = KerasWeights.read(keras(W4));
        Path run = dir.resolve("classifier-run");
        new ClassifierTrainer(config, TestData.colouredSquares(32), run, ConfigProto.getDefaultInstance(),
                TestData.QUIET, weights::assignTo).train(false);
        Path model = dir.resolve("savedmodels/classifier");
        ClassifierExport.export(run, model, Optional.of(1L));
        return model;
    }

    /** A randomly initialised 16 px generator bundle of {@code style}: {@code dir/savedmodels/generator-STYLE/1}. */
    public static Path generatorBundle(Path dir, String style) throws Exception {
        GanSpec spec = new GanSpec(16, 8, 4, 4);
        Path model = dir.resolve("savedmodels/generator-" + style);
        GeneratorBundle.export(spec, Layers.Mode.INFERENCE, (g, s) -> s.initialize(), model, Optional.of(1L),
                new BundleMetadata(BundleMetadata.GENERATOR, "generator-" + style, style, Emotion.labels(), 16,
                        spec.zDim(), Map.of(), "random weights (test)", 0, "test", "", "emotion-art tests", ""));
        return model;
    }
}
