package org.emotionart.export;

import org.emotionart.bundle.SavedModels;
import org.emotionart.bundle.BundleMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.train.Checkpoints;
import org.emotionart.train.ClassifierRunConfig;
import org.emotionart.util.Json;

/** Exports a classifier run's best epoch as a classifier bundle with its metadata. */
public final class ClassifierExport {
    private ClassifierExport() {
    }

    public static Path export(Path runDir, Path modelDir, Optional<Long> version) throws IOException {
        Path configFile = runDir.resolve("config.json");
        if (!configFile.toFile().isFile()) {
            throw new org.emotionart.BadPathException(runDir + " is not a classifier run folder (no config.json)");
        }
        ClassifierRunConfig config = Json.read(configFile, ClassifierRunConfig.class);
        Checkpoints.Checkpoint best = new Checkpoints(runDir.resolve("best"), 1).latest()
                .orElseThrow(() -> new EmotionArtException("no best checkpoint in " + runDir + ": train first"));
        Map<String, Object> report = runDir.resolve("report.json").toFile().isFile()
                ? Json.read(runDir.resolve("report.json"), Map.class) : Map.of();
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("backbone", config.spec().backbone());
        arch.put("width", config.spec().width());
        arch.put("hidden", config.spec().hidden());
        arch.put("dropout", config.spec().dropout());
        arch.put("bestEpoch", best.step());
        arch.put("validation", report.get("validation"));
        BundleMetadata meta = new BundleMetadata(BundleMetadata.CLASSIFIER, modelDir.getFileName().toString(), null,
                Emotion.labels(), config.spec().imageSize(), 0, arch, config.trainedOn(), best.step(),
                "trained by emotion-art train-classifier (data " + config.data() + ", labels " + config.labels() + ")",
                "mvn -Ptrain-classifier -Ddata=/path/to/wikiart-emotions-images -Dtsv=/path/to/WikiArt-Emotions-All.tsv",
                GanExport.createdBy(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (version.isEmpty()) {
            Optional<Path> same = SavedModels.sameExport(modelDir, meta);
            if (same.isPresent()) {
                return same.get();
            }
        }
        return ClassifierBundle.fromCheckpoint(best.prefix(), config.spec(), modelDir, version, meta);
    }
}
