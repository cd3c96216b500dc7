package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.DataDescription;
import org.emotionart.data.Datasets;
import org.emotionart.data.ImageSet;
import org.emotionart.eval.GeneratorEvaluation;
import org.emotionart.eval.TrainingQuality;
import org.emotionart.export.GanExport;
import org.emotionart.model.GanSpec;
import org.emotionart.model.SessionConfig;
import org.emotionart.train.Conditioning;
import org.emotionart.train.GanRunConfig;
import org.emotionart.train.GanSettings;
import org.emotionart.train.GanTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emotion-art train-gan}: trains one style's conditional GAN (see {@link GanTrainer}). */
@Command(name = "train-gan", mixinStandardHelpOptions = true,
        description = {"Train one style's conditional GAN (z + one-hot emotion -> painting) inside Java.",
                "Settings can come from an argument file: train-gan @training/gan-benchmark.args --style landscape. "
                        + "Later options override earlier ones.",
                "RUN_DIR gets config.json, checkpoints/, samples/, loss.csv, loss.png and samples.gif."})
final class TrainGanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "WikiArt root (one folder per style).")
    Path data;
    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels CSV (path,style,emotion): the benchmark's labels.csv or the manifest of 'label' "
                    + "(default: DIR/labels.csv).")
    Path labels;
    @Option(names = "--style", required = true, description = "Style folder to train on, e.g. landscape.")
    String style;
    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder.")
    Path out;

    /** --steps and --epochs set the run's length; the one given last wins (so either overrides an @file). */
    private Long steps;
    private Integer epochs;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: 25 epochs).")
    void steps(long n) {
        steps = n;
        epochs = null;
    }

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the style's images (instead of --steps): "
            + "steps = ceil(N x images / batch).")
    void epochs(int n) {
        epochs = n;
        steps = null;
    }

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--seed", defaultValue = "0", description = "Seed for weights, data order and noise (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its last checkpoint.")
    boolean resume;
    @Option(names = "--size", defaultValue = "64", description = "Image size, a power of two 16..256 (default: ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--g-width", defaultValue = "64",
            description = "Generator width (PyTorch hidden_dim; the original: ${DEFAULT-VALUE}).")
    int gWidth;
    @Option(names = "--g-upsample", defaultValue = "deconv", paramLabel = "HOW",
            description = "How the generator doubles its maps: deconv (the original's 4x4 stride-2 transposed "
                    + "convolutions) or resize (nearest-neighbour x2 + 3x3 convolution: no checkerboard, "
                    + "9/4 of the generator's work) (default: ${DEFAULT-VALUE}).")
    String gUpsample;
    @Option(names = "--g-cbn", description = "Class-conditional batch norm in the generator: each of its batch norms "
            + "gets the emotion's own scale and shift per channel (Miyato and Koyama 2018), so the emotion reaches "
            + "every layer, not only the first (landscape and flower-painting: no nearer to the real paintings than "
            + "without). Off: the emotion enters only with the noise, as in the original.")
    boolean gCbn;
    @Option(names = "--g-rgb-conv", description = "The generator's last doubling keeps g-width/2 hidden channels at "
            + "full resolution (batch norm, ReLU) and a 3x3 convolution paints the colours from them, as SNGAN's "
            + "generator. Off: the last doubling paints the colours, as in the original.")
    boolean gRgbConv;
    @Option(names = "--d-minibatch-std", description = "The discriminator sees one more channel at 4x4: how much the "
            + "batch's paintings differ from each other (ProGAN's minibatch standard deviation, Karras et al. 2018), "
            + "against a generator that paints one emotion's paintings alike. Off: as the original.")
    boolean dMinibatchStd;
    @Option(names = "--d-width", defaultValue = "64", description = "Discriminator base width (default: ${DEFAULT-VALUE}).")
    int dWidth;
    @Option(names = "--z", defaultValue = "100", description = "Noise size (default: ${DEFAULT-VALUE}).")
    int zDim;
    /** Converted as picocli parses it: an unknown word is a usage error before any work. */
    private Conditioning conditioning;

    @Option(names = "--conditioning", defaultValue = "concat",
            description = "How D sees the emotion: concat (the original: 3 one-hot planes beside the image) or "
                    + "projection (spectrally normalised projection discriminator) (default: ${DEFAULT-VALUE}).")
    void conditioning(String word) {
        conditioning = Checks.conditioning(spec, word);
    }

    @Option(names = "--diffaugment", description = "Differentiable augmentation of D's inputs (shift and cutout), "
            + "for styles with few images.")
    boolean diffAugment;
    @Option(names = "--lr", defaultValue = "2e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;
    @Option(names = "--d-lr", defaultValue = "0", paramLabel = "LR",
            description = "The discriminator's own Adam learning rate (two time-scale update rule, TTUR, e.g. "
                    + "--lr 1e-4 --d-lr 4e-4); 0 (default): the same as --lr, as the original.")
    float dLr;
    @Option(names = "--lr-decay-from", defaultValue = "0", paramLabel = "STEP",
            description = "From this step on, decay both learning rates linearly to 0 at the last step (--steps); "
                    + "a finished constant-rate run continues this way with --resume and a larger --steps. "
                    + "0 (default): constant rates, as the original.")
    long lrDecayFrom;
    @Option(names = "--mode-seeking", defaultValue = "0", paramLabel = "LAMBDA",
            description = "Weight of MSGAN's mode-seeking term in the generator's loss (Mao et al. 2019): "
                    + "pushes paintings of one emotion from different noise apart, for more variety (the shipped "
                    + "landscape and flower-painting generators: 0.1; 1 cost landscape closeness and adherence). 0 (default): none, as the original.")
    float modeSeeking;
    @Option(names = "--r1", defaultValue = "0", paramLabel = "GAMMA",
            description = "Weight γ of the R1 gradient penalty on the discriminator (Mescheder et al. 2018): "
                    + "γ/2 · |∇D(x)|² on real paintings, against the two networks circling instead of converging; "
                    + "needs --conditioning projection, may change on --resume (landscape at 0.1 and 0.01: no closer "
                    + "to the real paintings than without). 0 (default): none, as the original.")
    float r1;
    @Option(names = "--loss", defaultValue = "bce", paramLabel = "LOSS",
            description = "bce (the original: binary cross-entropy, non-saturating G) or hinge (SAGAN/BigGAN's "
                    + "hinge loss) (default: ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--beta1", defaultValue = "0.5", description = "Adam beta1 (default: ${DEFAULT-VALUE}).")
    float beta1;
    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam beta2 (default: ${DEFAULT-VALUE}).")
    float beta2;
    @Option(names = "--sample-every", defaultValue = "200", description = "Steps between sample grids (default: ${DEFAULT-VALUE}).")
    int sampleEvery;
    @Option(names = "--checkpoint-every", defaultValue = "500", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--keep", defaultValue = "3", description = "Checkpoints kept (default: ${DEFAULT-VALUE}).")
    int keep;
    @Option(names = "--threads", defaultValue = "0", description = "TF threads, 0 = all cores (default).")
    int threads;
    @Option(names = "--precision", defaultValue = "fp32", converter = PrecisionConverter.class,
            description = "fp32 or bf16 (oneDNN automatic mixed precision) (default: ${DEFAULT-VALUE}).")
    SessionConfig.Precision precision;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Preprocessing cache (default: DIR/.emotion-art-cache).")
    Path cacheDir;
    @Option(names = "--ema", defaultValue = "0", paramLabel = "DECAY",
            description = "Keep an exponential moving average of the generator's weights with this decay (e.g. "
                    + "0.999), saved in the checkpoints beside the raw weights; export-gan then exports the average. "
                    + "A run trained without one may start it on --resume (from its weights there); one trained "
                    + "with it resumes only with the same DECAY. 0 (default): none, as the original.")
    float ema;
    @Option(names = "--eval-every", defaultValue = "0", paramLabel = "N",
            description = "Every N steps (and at the last), measure the generator's paintings against held-out real "
                    + "ones (--eval-data): Fréchet distance ratio, precision, recall on the classifier's features, and "
                    + "emotion adherence, into RUN_DIR/quality.csv and quality.png; export-gan --best then picks the "
                    + "best checkpoint. 0 (default): off.")
    int evalEvery;
    @Option(names = "--eval-data", paramLabel = "DIR",
            description = "WikiArt root with real paintings of the style that are not in --data (for the benchmark: "
                    + "synth --seed 1 --per-class 600 --out work/benchmark-heldout).")
    Path evalData;
    @Option(names = "--eval-labels", paramLabel = "FILE", description = "Labels for --eval-data (default: DIR/labels.csv).")
    Path evalLabels;
    @Option(names = "--eval-classifier", defaultValue = "${sys:emotionart.models:-savedmodels}/classifier", paramLabel = "BUNDLE",
            description = "Classifier bundle that judges (default: ${DEFAULT-VALUE}).")
    Path evalClassifier;
    @Option(names = "--eval-per-emotion", defaultValue = "100", paramLabel = "N",
            description = "Paintings per emotion each measurement paints, seeds 1000000.. (default: ${DEFAULT-VALUE}); "
                    + "--eval-data needs twice as many of each emotion.")
    int evalPerEmotion;
    @Option(names = "--allow-missing-emotions",
            description = "Train even when an emotion has no paintings of the style (its paintings will be noise).")
    boolean allowMissingEmotions;
    @Option(names = "--export", paramLabel = "MODEL_DIR",
            description = "At the end, export the generator to MODEL_DIR/<version> (e.g. savedmodels/generator-landscape).")
    Path export;

    @Override
    public Integer call() throws Exception {
        if (style == null || style.isBlank()) {
            throw Checks.usage(spec, "--style is required, e.g. --style landscape (with Maven: -Dstyle=landscape)");
        }
        Checks.range(spec, "--batch", batch, 2, 4096);
        Checks.range(spec, "--sample-every", sampleEvery, 1, Integer.MAX_VALUE);
        Checks.range(spec, "--checkpoint-every", checkpointEvery, 1, Integer.MAX_VALUE);
        Checks.range(spec, "--keep", keep, 1, 1000);
        Checks.range(spec, "--eval-every", evalEvery, 0, Integer.MAX_VALUE);
        if (!(lr > 0 && lr <= 1)) {
            throw Checks.usage(spec, "--lr " + lr + " is out of range: allowed 0 < LR <= 1, e.g. 2e-4");
        }
        if (!(dLr == 0 || (dLr > 0 && dLr <= 1))) {
            throw Checks.usage(spec, "--d-lr " + dLr + " is out of range: allowed 0 (the same as --lr) or 0 < LR <= 1, "
                    + "e.g. 4e-4");
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw Checks.usage(spec, "--beta1 " + beta1 + " / --beta2 " + beta2 + " out of range: allowed 0 <= BETA < 1");
        }
        if (!loss.equals(GanSettings.BCE) && !loss.equals(GanSettings.HINGE)) {
            throw Checks.usage(spec, "unknown --loss '" + loss + "': allowed " + GanSettings.BCE + ", "
                    + GanSettings.HINGE);
        }
        if (!(ema == 0 || (ema >= 0.9f && ema < 1f))) {
            throw Checks.usage(spec, "--ema " + ema + " is out of range: allowed 0 (none) or 0.9 <= DECAY < 1, "
                    + "e.g. 0.999");
        }
        Checks.modeSeeking(spec, modeSeeking);
        Checks.r1(spec, r1, conditioning, dMinibatchStd);
        if (lrDecayFrom < 0) {
            throw Checks.usage(spec, "--lr-decay-from " + lrDecayFrom + " is out of range: allowed 0 (no decay) or a "
                    + "step before the last (--steps)");
        }
        GanSpec ganSpec;
        try {
            ganSpec = new GanSpec(size, zDim, gWidth, dWidth, GanSpec.Upsampling.of(gUpsample), gCbn, gRgbConv,
                        dMinibatchStd);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, e.getMessage());
        }
        if (!Files.isDirectory(data)) {
            throw Checks.usage(spec, "--data " + data + " is not a folder (expected a WikiArt root: one folder per style)");
        }
        Path labelsFile = labels != null ? labels : data.resolve("labels.csv");
        ImageSet images = Datasets.assemble(data, labelsFile, style, size, cacheDir, true).images();
        if (epochs != null) {
            Checks.range(spec, "--epochs", epochs, 1, 1_000_000);
        }
        long total = steps != null ? steps : GanTrainer.stepsFor(epochs != null ? epochs : 25, images.count(), batch);
        Checks.range(spec, steps != null ? "--steps" : "--epochs", total, 1, Long.MAX_VALUE / 2);
        if (lrDecayFrom >= total) {
            throw Checks.usage(spec, "--lr-decay-from " + lrDecayFrom + " is not before the last step (" + total
                    + "): allowed 0 (no decay) or 1.." + (total - 1));
        }
        int[] perEmotion = images.countsPerEmotion();
        List<String> empty = new java.util.ArrayList<>();
        for (org.emotionart.Emotion e : org.emotionart.Emotion.values()) {
            if (perEmotion[e.ordinal()] == 0) {
                empty.add(e.label());
            }
        }
        if (!empty.isEmpty() && !allowMissingEmotions) {
            throw new org.emotionart.EmotionArtException(style + " has no " + String.join(" and no ", empty)
                    + " paintings in " + labelsFile + ": the generator would learn nothing for " + String.join(", ", empty)
                    + "; label more paintings, or pass --allow-missing-emotions to train anyway");
        }
        stdout().printf(Locale.ROOT, "%s: %d images (negative %d, neutral %d, positive %d), %d steps of %d "
                        + "(%.1f passes over the images)%n", style, images.count(), perEmotion[0], perEmotion[1],
                perEmotion[2], total, batch, (double) total * batch / images.count());
        GanRunConfig config = new GanRunConfig(conditioning, ganSpec, style, data.toString(),
                labelsFile.toString(), DataDescription.describe(data, labelsFile),
                new GanSettings(batch, lr, beta1, beta2, seed, diffAugment, ema, loss, dLr,
                        lrDecayFrom, lrDecayFrom > 0 ? total : 0, modeSeeking, 0, r1), total, sampleEvery, checkpointEvery, keep);
        GanTrainer trainer = new GanTrainer(config, images, out, SessionConfig.create(Checks.tfThreads(spec, threads), precision), stdout());
        EmotionClassifier judge = null;
        if (evalEvery > 0) {
            if (evalData == null || !Files.isDirectory(evalData)) {
                throw Checks.usage(spec, "--eval-every needs --eval-data DIR, a folder of real " + style + " paintings "
                        + "that are not in --data" + (evalData == null ? "" : " (" + evalData + " is not a folder)"));
            }
            Checks.range(spec, "--eval-per-emotion", evalPerEmotion, 2, 10_000);
            judge = BundleOptions.classifier(spec, "--eval-classifier", evalClassifier);
            ImageSet held = Datasets.assemble(evalData, evalLabels != null ? evalLabels : evalData.resolve("labels.csv"),
                    style, size, null, true).images();
            String lacking = GeneratorEvaluation.tooFewReal(held, style, evalPerEmotion);
            if (lacking != null) {
                judge.close();
                throw Checks.usage(spec, lacking.replace("--per-emotion", "--eval-per-emotion")
                        .replace(", or --features none", ""));
            }
            trainer.withQuality(new TrainingQuality(judge, held, evalPerEmotion, 1_000_000L), evalEvery);
        }
        long reached;
        try {
            reached = trainer.train(resume);
        } finally {
            if (judge != null) {
                judge.close();
            }
        }
        if (reached < total) {
            return 1;
        }
        stdout().println("done: " + out.resolve("samples.gif") + ", " + out.resolve("loss.png"));
        if (export != null) {
            stdout().println("exported " + GanExport.export(out, Optional.empty(), export, Optional.empty()));
        }
        return 0;
    }

    /** Standard output (picocli's writer, which Main flushes); {@code out} is the run folder. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
