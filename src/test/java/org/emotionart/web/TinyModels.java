package org.emotionart.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.emotionart.TestData;
import org.emotionart.export.ClassifierExport;
import org.emotionart.export.GanExport;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.GanSpec;
import org.emotionart.train.ClassifierRunConfig;
import org.emotionart.train.ClassifierTrainer;
import org.emotionart.train.GanRunConfig;
import org.emotionart.train.GanSettings;
import org.emotionart.train.GanTrainer;
import org.emotionart.util.FileTrees;
import org.tensorflow.proto.ConfigProto;

/**
 * A real savedmodels folder made of tiny bundles, trained and exported by the project's own code:
 * generators for two styles (16 px, 3 training steps) and a classifier (16 px, 2 epochs) on coloured
 * squares. Built once per test JVM (a few seconds) and shared by the web tests.
 */
public final class TinyModels {
    public static final String[] STYLES = {"landscape", "portrait"};
    private static Path root;

    private TinyModels() {
    }

    public static synchronized Path savedmodels() {
        if (root == null) {
            try {
                root = build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static Path build() throws IOException {
        Path dir = Files.createTempDirectory("emotion-art-web-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                FileTrees.delete(dir);
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }));
        Path models = Files.createDirectories(dir.resolve("savedmodels"));
        GanSpec gan = new GanSpec(16, 8, 4, 4);
        for (String style : STYLES) {
            GanRunConfig config = new GanRunConfig(GanRunConfig.ARCHITECTURE, gan, style, "mem", "mem",
                    "tiny test data", new GanSettings(8, 2e-4f, 0.5f, 0.999f, 3), 3, 3, 3, 2);
            Path run = dir.resolve("run-" + style);
            new GanTrainer(config, TestData.colouredSquares(16), run, ConfigProto.getDefaultInstance(), TestData.QUIET)
                    .train(false);
            GanExport.export(run, Optional.empty(), models.resolve("generator-" + style), Optional.empty());
        }
        ClassifierRunConfig config = new ClassifierRunConfig(new ClassifierSpec(ClassifierSpec.COMPACT, 16, 4, 8, 0.2f),
                "mem", "mem", "coloured squares", null, 8, 3e-3f, 2, 50, 0.25f, 1, 5);
        Path run = dir.resolve("run-classifier");
        new ClassifierTrainer(config, TestData.colouredSquares(16), run, ConfigProto.getDefaultInstance(),
                TestData.QUIET, null).train(false);
        ClassifierExport.export(run, models.resolve("classifier"), Optional.empty());
        return models;
    }
}
