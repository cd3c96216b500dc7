package org.emotionart;

import java.nio.file.Path;
import java.util.Optional;
import org.emotionart.export.ClassifierExport;
import org.emotionart.export.GanExport;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.GanSpec;
import org.emotionart.train.ClassifierRunConfig;
import org.emotionart.train.ClassifierTrainer;
import org.emotionart.train.Conditioning;
import org.emotionart.train.GanRunConfig;
import org.emotionart.train.GanSettings;
import org.emotionart.train.GanTrainer;
import org.tensorflow.proto.ConfigProto;

/**
 * Real but tiny bundles for tests: a savedmodels folder with generator-&lt;style&gt; bundles (16 px,
 * trained 3 steps) and a classifier (16 px, 2 epochs), all on {@link TestData#colouredSquares}.
 */
public final class TestBundles {
    public static final GanSpec TINY_GAN = new GanSpec(16, 8, 4, 4);
    public static final ClassifierSpec TINY_CLASSIFIER = new ClassifierSpec(ClassifierSpec.COMPACT, 16, 4, 8, 0.2f);

    /** The styles of {@link #shared()}. */
    public static final String[] SHARED_STYLES = {"landscape", "portrait"};
    private static Path shared;

    private TestBundles() {
    }

    /**
     * One savedmodels folder for the whole test JVM (generators for {@link #SHARED_STYLES} and a
     * classifier), built on first use in a temporary folder that is deleted at exit. Read it, never
     * change it.
     */
    public static synchronized Path shared() {
        if (shared == null) {
            try {
                shared = build();
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test bundles: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    private static Path build() throws Exception {
        {
            Path dir = java.nio.file.Files.createTempDirectory("emotion-art-test-bundles");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    org.emotionart.util.FileTrees.delete(dir);
                } catch (java.io.IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }));
            return savedmodels(dir, SHARED_STYLES);
        }
    }

    /** Makes {@code root/savedmodels} with a generator per style and a classifier; returns that folder. */
    public static Path savedmodels(Path root, String... styles) throws Exception {
        Path models = root.resolve("savedmodels");
        for (String style : styles) {
            generator(root.resolve("runs/gan-" + style), models.resolve("generator-" + style), style);
        }
        classifier(root.resolve("runs/classifier"), models.resolve("classifier"));
        return models;
    }

    public static Path generator(Path runDir, Path modelDir, String style) throws Exception {
        GanRunConfig config = new GanRunConfig(Conditioning.CONCAT, TINY_GAN, style, "mem", "mem",
                "tiny test data", new GanSettings(8, 2e-4f, 0.5f, 0.999f, style.hashCode()), 3, 3, 3, 1);
        new GanTrainer(config, TestData.colouredSquares(16), runDir, ConfigProto.getDefaultInstance(), TestData.QUIET)
                .train(false);
        return GanExport.export(runDir, Optional.empty(), modelDir, Optional.empty());
    }

    public static Path classifier(Path runDir, Path modelDir) throws Exception {
        ClassifierRunConfig config = new ClassifierRunConfig(TINY_CLASSIFIER, "mem", "mem", "tiny test data", null, 8,
                3e-3f, 2, 5, 0.25f, 1, 5);
        new ClassifierTrainer(config, TestData.colouredSquares(16), runDir, ConfigProto.getDefaultInstance(),
                TestData.QUIET, null).train(false);
        return ClassifierExport.export(runDir, modelDir, Optional.empty());
    }
}
