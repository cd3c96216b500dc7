package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.emotionart.data.DataDescription;
import org.emotionart.data.Datasets;
import org.emotionart.data.EmotionLabels;
import org.emotionart.data.ImageSet;
import org.emotionart.data.LabelsFile;
import org.emotionart.export.ClassifierExport;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.KerasWeights;
import org.emotionart.model.SessionConfig;
import org.emotionart.model.Vgg16;
import org.emotionart.train.ClassifierRunConfig;
import org.emotionart.train.ClassifierTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emotion-art train-classifier}: trains the image → emotion classifier (see {@link ClassifierTrainer}). */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Train the image -> emotion classifier inside Java.",
                "Data: a folder with a labels CSV (the benchmark's labels.csv, or one written by "
                        + "'data emotions --write-labels'), or WikiArt Emotions directly with --tsv.",
                "Backbones: compact (a small CNN trained from scratch; the default) or vgg16 (ImageNet weights "
                        + "from --weights FILE, frozen; the original project's).",
                "RUN_DIR gets epochs.csv, learning-curve.png, confusion-matrix.png, report.md and checkpoints."})
final class TrainClassifierCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Image folder (the labels' paths are relative to it).")
    Path data;
    @Option(names = "--labels", paramLabel = "FILE", description = "Labels CSV (default: DIR/labels.csv unless --tsv).")
    Path labels;
    @Option(names = "--tsv", paramLabel = "FILE",
            description = "WikiArt Emotions TSV (e.g. WikiArt-Emotions-All.tsv): labels derived with the default "
                    + "mapping from the ImageOnly block; use 'data emotions --write-labels' for other choices.")
    Path tsv;
    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder.")
    Path out;
    @Option(names = "--backbone", defaultValue = "compact", description = "compact or vgg16 (default: ${DEFAULT-VALUE}).")
    String backbone;
    @Option(names = "--weights", paramLabel = "FILE",
            description = "Keras VGG16 ImageNet weights, vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (vgg16 only).")
    Path weights;
    @Option(names = "--size", description = "Input size (default: 64 compact, 224 vgg16).")
    Integer size;
    @Option(names = "--width", description = "Backbone base width (default: 16 compact, 64 vgg16).")
    Integer width;
    @Option(names = "--hidden", description = "Head hidden units (default: 128 compact, 256 vgg16).")
    Integer hidden;
    @Option(names = "--dropout", description = "Head dropout (default: 0.3 compact, 0.5 vgg16).")
    Float dropout;
    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", description = "Adam learning rate (default: 1e-3 compact, 1e-4 vgg16 head).")
    Float lr;
    @Option(names = "--epochs", defaultValue = "30", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--patience", defaultValue = "5",
            description = "Stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience;
    @Option(names = "--validation", defaultValue = "0.2", description = "Validation share, stratified (default: ${DEFAULT-VALUE}).")
    float validation;
    @Option(names = "--views", defaultValue = "4",
            description = "Frozen backbone: augmented views per image in the feature cache (default: ${DEFAULT-VALUE}).")
    int views;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--resume", description = "Continue the run in RUN_DIR.")
    boolean resume;
    @Option(names = "--threads", defaultValue = "0", description = "TF threads, 0 = all cores (default).")
    int threads;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Preprocessing cache (default: DIR/.emotion-art-cache).")
    Path cacheDir;
    @Option(names = "--export", paramLabel = "MODEL_DIR",
            description = "At the end, export the best epoch to MODEL_DIR/<version> (e.g. savedmodels/classifier).")
    Path export;

    @Override
    public Integer call() throws Exception {
        ClassifierSpec cs;
        try {
            ClassifierSpec base = ClassifierSpec.defaultsFor(backbone);
            cs = new ClassifierSpec(base.backbone(), size != null ? size : base.imageSize(),
                    width != null ? width : base.width(), hidden != null ? hidden : base.hidden(),
                    dropout != null ? dropout : base.dropout());
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, e.getMessage());
        }
        boolean vgg = cs.backbone().equals(ClassifierSpec.VGG16);
        if (vgg && weights == null) {
            throw Checks.usage(spec, "--backbone vgg16 needs --weights FILE (Keras' "
                    + KerasWeights.VGG16_NOTOP + "); without ImageNet weights use --backbone compact");
        }
        if (!vgg && weights != null) {
            throw Checks.usage(spec, "--weights is for --backbone vgg16 only");
        }
        if (weights != null) {
            Checks.inputFile(spec, "--weights", weights);
        }
        Checks.range(spec, "--batch", batch, 2, 4096);
        Checks.range(spec, "--epochs", epochs, 1, 100000);
        Checks.range(spec, "--patience", patience, 1, 100000);
        Checks.range(spec, "--views", views, 1, 64);
        if (validation <= 0 || validation >= 1) {
            throw Checks.usage(spec, "invalid value for --validation: " + validation + " (allowed: between 0 and 1)");
        }
        if (!Files.isDirectory(data)) {
            throw Checks.usage(spec, "--data " + data + " is not a folder");
        }
        if (tsv != null && labels != null) {
            throw Checks.usage(spec, "give --labels or --tsv, not both");
        }
        KerasWeights keras = vgg ? KerasWeights.read(weights) : null;
        if (keras != null) {
            keras.checkFits((Vgg16) cs.createBackbone()); // before any data is read or written
        }
        Path labelsFile = labels != null ? labels : data.resolve("labels.csv");
        if (tsv != null) {
            EmotionLabels derived = EmotionLabels.load(tsv, data, EmotionLabels.Settings.DEFAULT);
            derived.report().forEach(stdout()::println);
            labelsFile = out.resolve("labels-from-tsv.csv");
            Files.createDirectories(out);
            LabelsFile.write(labelsFile, derived.images());
        }
        ImageSet images = Datasets.assemble(data, labelsFile, null, cs.imageSize(), cacheDir, true).images();
        String trainedOn = tsv != null ? "WikiArt Emotions (" + tsv.getFileName() + ", ImageOnly block, default "
                + "mapping) with images in " + data.getFileName() : DataDescription.describe(data, labelsFile);
        ClassifierRunConfig config = new ClassifierRunConfig(cs, data.toString(), labelsFile.toString(), trainedOn,
                weights == null ? null : weights.toString(), batch, lr != null ? lr : vgg ? 1e-4f : 1e-3f, epochs,
                patience, validation, vgg ? views : 1, seed);
        ClassifierTrainer trainer = new ClassifierTrainer(config, images, out, SessionConfig.create(Checks.tfThreads(spec, threads),
                SessionConfig.Precision.FP32), stdout(), keras == null ? null : keras::assignTo);
        ClassifierTrainer.Outcome outcome = trainer.train(resume);
        stdout().printf(Locale.ROOT, "best epoch %d: validation accuracy %.2f%% (%d images); report: %s%n",
                outcome.bestEpoch(), 100 * outcome.validation().accuracy(), outcome.validation().total(),
                out.resolve("report.md"));
        if (export != null) {
            stdout().println("exported " + ClassifierExport.export(out, export, Optional.empty()));
        }
        return 0;
    }

    /** Standard output (picocli's writer, which Main flushes); {@code out} is the run folder. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
