package org.emotionart.export;

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
import org.emotionart.train.GanRunConfig;
import org.emotionart.util.Json;

/** Exports a GAN run (its latest or a chosen checkpoint) as a generator bundle with its metadata. */
public final class GanExport {
    private GanExport() {
    }

    public static Path export(Path runDir, Optional<Long> step, Path modelDir, Optional<Long> version) throws IOException {
        Path configFile = runDir.resolve("config.json");
        if (!configFile.toFile().isFile()) {
            throw new EmotionArtException(runDir + " is not a GAN run folder (no config.json): give the --out folder "
                    + "of a train-gan run");
        }
        GanRunConfig config = Json.read(configFile, GanRunConfig.class);
        Checkpoints checkpoints = new Checkpoints(runDir.resolve("checkpoints"), config.keepCheckpoints());
        Checkpoints.Checkpoint ckpt = step.isPresent()
                ? checkpoints.list().stream().filter(c -> c.step() == step.get()).findFirst()
                .orElseThrow(() -> new EmotionArtException("no checkpoint at step " + step.get() + " in " + runDir
                        + " (have: " + checkpoints.list().stream().map(c -> Long.toString(c.step())).toList() + ")"))
                : checkpoints.latest().orElseThrow(() -> new EmotionArtException("no checkpoint in " + runDir
                        + ": train first (train-gan --out " + runDir + ")"));
        BundleMetadata metadata = metadata(config, ckpt.step(), modelDir);
        if (version.isEmpty()) {
            Optional<Path> same = SavedModels.sameExport(modelDir, metadata);
            if (same.isPresent()) {
                return same.get();
            }
        }
        return GeneratorBundle.fromCheckpoint(ckpt.prefix(), config.spec(), modelDir, version, metadata);
    }

    static BundleMetadata metadata(GanRunConfig config, long steps, Path modelDir) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("name", config.architecture());
        arch.put("gWidth", config.spec().gWidth());
        arch.put("dWidth", config.spec().dWidth());
        arch.put("batchNorm", "moving averages (inference mode)");
        arch.put("batch", config.settings().batch());
        arch.put("learningRate", config.settings().learningRate());
        arch.put("seed", config.settings().seed());
        return new BundleMetadata(BundleMetadata.GENERATOR, modelDir.getFileName().toString(), config.style(),
                Emotion.labels(), config.spec().imageSize(), config.spec().zDim(), arch, config.trainedOn(), steps,
                "trained by emotion-art train-gan (data " + config.data() + ", labels " + config.labels() + ")",
                retrainCommand(config.style()), createdBy(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public static String retrainCommand(String style) {
        return "mvn -Ptrain-gan -Dstyle=" + style + " -Ddata=/path/to/wikiart -Dlabels=/path/to/manifest.csv";
    }

    public static String createdBy() {
        String v = GanExport.class.getPackage().getImplementationVersion();
        return "emotion-art " + (v == null ? "dev" : v) + " with TensorFlow Java 1.1.0";
    }
}
