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
import org.emotionart.train.GanRunConfig;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Layers;
import org.emotionart.train.GanSettings;
import org.emotionart.train.QualityLog;
import org.emotionart.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** Exports a GAN run (its latest or a chosen checkpoint) as a generator bundle with its metadata. */
public final class GanExport {
    private GanExport() {
    }

    /** Which generator weights to export from a run trained with {@code --ema}. */
    public enum Weights {
        /** The moving average where the run kept one, else the raw weights. */
        ema,
        /** The raw weights the optimizer updated. */
        raw
    }

    public static Path export(Path runDir, Optional<Long> step, Path modelDir, Optional<Long> version) throws IOException {
        return export(runDir, step, modelDir, version, Weights.ema);
    }

    /**
     * The step {@code export-gan --best} exports: the best measured step of the run's quality.csv
     * ({@link QualityLog}'s rule) among its checkpoints.
     */
    public static long bestStep(Path runDir) throws IOException {
        Path configFile = runDir.resolve("config.json");
        if (!configFile.toFile().isFile()) {
            throw new org.emotionart.BadPathException(runDir + " is not a GAN run folder (no config.json)");
        }
        GanRunConfig config = Json.read(configFile, GanRunConfig.class);
        Checkpoints checkpoints = new Checkpoints(runDir.resolve("checkpoints"), config.keepCheckpoints());
        java.util.Set<Long> have = new java.util.HashSet<>();
        checkpoints.list().forEach(c -> have.add(c.step()));
        if (!runDir.resolve(QualityLog.FILE).toFile().isFile()) {
            throw new EmotionArtException(runDir + " has no " + QualityLog.FILE + ": --best needs a run trained with "
                    + "--eval-every; use --step N instead");
        }
        return QualityLog.read(runDir.resolve(QualityLog.FILE), Long.MAX_VALUE).best(have)
                .orElseThrow(() -> new EmotionArtException("no measured step of " + runDir + " still has a "
                        + "checkpoint (have: " + have + "): use --step N, or measure more often than --keep drops"))
                .step();
    }

    public static Path export(Path runDir, Optional<Long> step, Path modelDir, Optional<Long> version,
                              Weights weights) throws IOException {
        Path configFile = runDir.resolve("config.json");
        if (!configFile.toFile().isFile()) {
            throw new org.emotionart.BadPathException(runDir + " is not a GAN run folder (no config.json): give the --out folder "
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
        // a checkpoint from before an average started on --resume (emaFrom) has only the raw weights
        boolean useEma = weights == Weights.ema && config.settings().averagedAt(ckpt.step());
        BundleMetadata metadata = metadata(config, ckpt.step(), modelDir, useEma);
        if (version.isEmpty()) {
            Optional<Path> same = SavedModels.sameExport(modelDir, metadata);
            if (same.isPresent()) {
                return same.get();
            }
        }
        if (!useEma) {
            return GeneratorBundle.fromCheckpoint(ckpt.prefix(), config.spec(), modelDir, version, metadata);
        }
        return GeneratorBundle.export(config.spec(), Layers.Mode.INFERENCE, (serving, session) -> {
            session.restore(ckpt.prefix());
            restoreAverages(serving, session, ckpt.prefix());
        }, modelDir, version, metadata);
    }

    /** Overwrites the serving graph's trainable generator variables with their EMA copies in the checkpoint. */
    private static void restoreAverages(GeneratorBundle.ServingGraph serving, Session session, String prefix) {
        Map<String, Variable<TFloat32>> vars = serving.layers().trainableByName();
        Ops tf = serving.layers().tf();
        List<String> names = vars.keySet().stream().map(n -> GanSettings.EMA_PREFIX + n).toList();
        List<Class<? extends TType>> types = names.stream().<Class<? extends TType>>map(n -> TFloat32.class).toList();
        Restore read = tf.train.restore(tf.constant(prefix), tf.constant(StandardCharsets.UTF_8,
                names.toArray(String[]::new)), tf.constant(StandardCharsets.UTF_8,
                names.stream().map(n -> "").toArray(String[]::new)), types);
        Session.Runner run = session.runner();
        int i = 0;
        for (Variable<TFloat32> v : vars.values()) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> value = (Operand<TFloat32>) read.tensors().get(i++);
            run.addTarget(tf.assign(v, value));
        }
        try {
            run.run().close();
        } catch (RuntimeException e) {
            throw new EmotionArtException("checkpoint " + prefix + " has no moving average of the generator's "
                    + "weights (" + e.getMessage().lines().findFirst().orElse("") + "): export with --weights raw");
        }
    }

    static BundleMetadata metadata(GanRunConfig config, long steps, Path modelDir) {
        return metadata(config, steps, modelDir, false);
    }

    static BundleMetadata metadata(GanRunConfig config, long steps, Path modelDir, boolean ema) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("name", config.conditioning().architecture());
        arch.put("gWidth", config.spec().gWidth());
        arch.put("dWidth", config.spec().dWidth());
        if (config.spec().upsampling() != GanSpec.Upsampling.DECONV) {
            arch.put("generatorUpsampling", "nearest-neighbour x2 + 3x3 convolution");
        }
        if (config.spec().conditionalBatchNorm()) {
            arch.put("generatorConditioning", "one-hot input and class-conditional batch norm");
        }
        if (config.spec().rgbConv()) {
            int c = config.spec().rgbChannels();
            arch.put("generatorColours", "3x3 convolution from " + c + " hidden channel" + (c == 1 ? "" : "s")
                    + " at full resolution");
        }
        if (config.spec().minibatchStd()) {
            arch.put("discriminatorExtras", "minibatch standard deviation at 4x4 (training only)");
        }
        arch.put("batchNorm", "moving averages (inference mode)");
        arch.put("batch", config.settings().batch());
        arch.put("learningRate", config.settings().learningRate());
        arch.put("beta1", config.settings().beta1());
        arch.put("beta2", config.settings().beta2());
        arch.put("diffAugment", config.settings().diffAugment());
        arch.put("seed", config.settings().seed());
        if (!GanSettings.BCE.equals(config.settings().loss())) {
            arch.put("loss", config.settings().loss());
        }
        if (config.settings().dLearningRate() > 0) {
            arch.put("discriminatorLearningRate", config.settings().dLearningRate());
        }
        if (config.settings().decays()) {
            arch.put("learningRateDecay", "linear to 0 from step " + config.settings().decayFrom() + " to "
                    + config.settings().decayTo());
        }
        if (config.settings().modeSeeking() > 0) {
            arch.put("modeSeeking", config.settings().modeSeeking());
        }
        if (config.settings().r1() > 0) {
            arch.put("r1", config.settings().r1());
        }
        if (config.settings().ema() > 0) {
            long emaFrom = config.settings().emaFrom();
            String average = "decay " + config.settings().ema() + (emaFrom > 0 ? ", from step " + emaFrom : "");
            String weights;
            if (ema) {
                weights = "exponential moving average, " + average;
            } else if (config.settings().averagedAt(steps)) {
                weights = "raw (the run also kept a moving average, " + average + ")";
            } else {
                weights = "raw (the run's moving average started later, at step " + emaFrom + ")";
            }
            arch.put("generatorWeights", weights);
        }
        return new BundleMetadata(BundleMetadata.GENERATOR, modelDir.getFileName().toString(), config.style(),
                Emotion.labels(), config.spec().imageSize(), config.spec().zDim(), arch, config.trainedOn(), steps,
                "trained by emotion-art train-gan (data " + config.data() + ", labels " + config.labels() + ")",
                retrainCommand(config), createdBy(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The train-gan command line that repeats this run's training exactly (same data, settings and length). */
    public static String retrainCommand(GanRunConfig c) {
        GanSettings s = c.settings();
        StringBuilder b = new StringBuilder("java -jar target/emotion-art.jar train-gan --style ").append(c.style())
                .append(" --data ").append(c.data()).append(" --labels ").append(c.labels())
                .append(" --conditioning ").append(c.conditioning().word())
                .append(" --size ").append(c.spec().imageSize()).append(" --z ").append(c.spec().zDim())
                .append(" --g-width ").append(c.spec().gWidth()).append(" --d-width ").append(c.spec().dWidth())
                .append(c.spec().upsampling() == GanSpec.Upsampling.DECONV ? ""
                        : " --g-upsample " + c.spec().upsampling().word())
                .append(c.spec().conditionalBatchNorm() ? " --g-cbn" : "")
                .append(c.spec().rgbConv() ? " --g-rgb-conv" : "")
                .append(c.spec().minibatchStd() ? " --d-minibatch-std" : "")
                .append(" --batch ").append(s.batch()).append(" --lr ").append(s.learningRate())
                .append(" --beta1 ").append(s.beta1()).append(" --beta2 ").append(s.beta2())
                .append(" --loss ").append(s.loss()).append(" --seed ").append(s.seed())
                .append(" --steps ").append(c.steps());
        if (s.dLearningRate() > 0) {
            b.append(" --d-lr ").append(s.dLearningRate());
        }
        if (s.decays()) {
            b.append(" --lr-decay-from ").append(s.decayFrom());
        }
        if (s.modeSeeking() > 0) {
            b.append(" --mode-seeking ").append(s.modeSeeking());
        }
        if (s.r1() > 0) {
            b.append(" --r1 ").append(s.r1());
        }
        if (s.diffAugment()) {
            b.append(" --diffaugment");
        }
        if (s.ema() > 0) {
            b.append(" --ema ").append(s.ema());
        }
        return b.append(" --out RUN_DIR").toString();
    }

    /** The generic retraining goal, for bundles without a run of ours (imported ones). */
    public static String retrainCommand(String style) {
        return "mvn -Ptrain-gan -Dstyle=" + style + " -Ddata=/path/to/wikiart -Dlabels=/path/to/manifest.csv";
    }

    public static String createdBy() {
        return org.emotionart.Version.createdBy();
    }
}
