package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.Datasets;
import org.emotionart.data.ImageSet;
import org.emotionart.eval.ClassifierFeatures;
import org.emotionart.eval.FeatureExtractor;
import org.emotionart.eval.GeneratorEvaluation;
import org.emotionart.eval.InceptionFeatures;
import org.emotionart.eval.Quality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emotion-art evaluate --generator BUNDLE --classifier BUNDLE}: see {@link GeneratorEvaluation}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Judge a generator with the classifier: emotion adherence (the share of paintings asked for "
                + "an emotion that the classifier reads as that emotion) with a confusion matrix, and diversity "
                + "(mean pairwise RMS pixel distance among the paintings of one emotion, pixels in [0, 1]) beside "
                + "the same figure on real paintings of the style when --data is given, to catch mode collapse.",
                "With --data also image quality, per emotion and for the whole style: Fréchet distance (FID's "
                        + "formula), KID and precision / recall (k = 3) between the generated paintings and as many "
                        + "real ones, each beside the same figure between two disjoint halves of the real paintings "
                        + "(the real-vs-real baseline) and the ratio generated / baseline. Use real paintings the "
                        + "generator never trained on (for the benchmark: a synth with another --seed).",
                "Writes DIR/evaluation.json, evaluation.md, adherence-confusion.png and samples.png (with --data also "
                        + "real-beside-generated.png), and prints a short table."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--generator", required = true, paramLabel = "BUNDLE", description = "Generator bundle folder.")
    Path generator;
    @Option(names = "--classifier", required = true, paramLabel = "BUNDLE", description = "Classifier bundle folder.")
    Path classifier;
    @Option(names = "--per-emotion", defaultValue = "300", paramLabel = "N",
            description = "Paintings per emotion (default: ${DEFAULT-VALUE}).")
    int perEmotion;
    @Option(names = "--seed", defaultValue = "0", description = "First seed; image i uses seed+i (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: evaluation-STYLE).")
    Path out;
    @Option(names = "--data", paramLabel = "DIR", description = "WikiArt root with the style's real paintings, for the real diversity figure.")
    Path data;
    @Option(names = "--labels", paramLabel = "FILE", description = "Labels or manifest CSV for --data (default: DIR/labels.csv).")
    Path labels;
    /** The feature extractors the quality figures can use. */
    enum Features {
        classifier, inception, none
    }

    @Option(names = "--features", defaultValue = "classifier", paramLabel = "EXTRACTOR",
            description = "Features the image-quality figures are computed on, with --data: classifier (the "
                    + "--classifier bundle's penultimate layer), inception (FID's InceptionV3, 2,048 pooled features "
                    + "at 299 px, weights from --weights) or none (skip them). Default: ${DEFAULT-VALUE}.")
    Features features;
    @Option(names = "--weights", paramLabel = "FILE",
            description = "With --features inception: Keras' inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5.")
    Path weights;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Preprocessing cache for --data (default: DIR/.emotion-art-cache).")
    Path cacheDir;
    @Option(names = "--baseline-splits", defaultValue = "" + Quality.BASELINE_SPLITS, paramLabel = "N",
            description = "Splits of the real paintings whose median real-vs-real FD is the FD ratio's baseline "
                    + "(one split's figure varies several-fold; each split costs one more FD, more with "
                    + "--features inception's 2,048 features). Default: ${DEFAULT-VALUE}.")
    int baselineSplits;

    @Override
    public Integer call() throws Exception {
        Checks.range(spec, "--per-emotion", perEmotion, 2, 100_000);
        Checks.range(spec, "--baseline-splits", baselineSplits, 1, 1_000);
        if (out != null) {
            Checks.outputFolder(spec, "--out", out);
        }
        if (labels != null && data == null) {
            throw Checks.usage(spec, "--labels needs --data (the folder its paths are relative to)");
        }
        if (labels != null) {
            Checks.inputFile(spec, "--labels", labels);
        }
        if (data != null && !Files.isDirectory(data)) {
            throw Checks.usage(spec, "--data " + data + " is not a folder");
        }
        if (data != null && labels == null && !Files.isRegularFile(data.resolve("labels.csv"))) {
            throw Checks.usage(spec, "--data " + data + " has no labels.csv: give --labels FILE, the emotion of each "
                    + "painting (e.g. what 'emotion-art label " + data + " --classifier BUNDLE --out FILE' writes)");
        }
        if (features == Features.inception && weights == null) {
            throw Checks.usage(spec, "--features inception needs --weights FILE (Keras' "
                    + "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5)");
        }
        if (weights != null && features != Features.inception) {
            throw Checks.usage(spec, "--weights is for --features inception");
        }
        if (weights != null) {
            Checks.inputFile(spec, "--weights", weights);
        }
        PrintWriter o = spec.commandLine().getOut();
        try (ArtGenerator g = BundleOptions.generator(spec, "--generator", generator);
             EmotionClassifier c = BundleOptions.classifier(spec, "--classifier", classifier)) {
            Path dir = out != null ? out : Path.of("evaluation-" + g.style());
            Checks.outputFolder(spec, "--out", dir); // the default, named after the style, may be a file too
            ImageSet real = null;
            String realSource = null;
            if (data != null) {
                Path labelsFile = labels != null ? labels : data.resolve("labels.csv");
                real = Datasets.assemble(data, labelsFile, g.style(), g.imageSize(), cacheDir, true).images();
                realSource = String.format(Locale.ROOT, "%s labelled by %s (%,d paintings of %s)", data, labelsFile,
                        real.count(), g.style());
            }
            FeatureExtractor extractor = null;
            if (real != null && features != Features.none) {
                String lacking = GeneratorEvaluation.tooFewReal(real, g.style(), perEmotion);
                if (lacking != null) {
                    throw Checks.usage(spec, lacking);
                }
                extractor = features == Features.classifier ? new ClassifierFeatures(c) : new InceptionFeatures(weights);
            }
            GeneratorEvaluation.Result r;
            try {
                r = GeneratorEvaluation.run(g, c, perEmotion, seed, real, realSource, extractor, dir, true,
                        baselineSplits);
            } finally {
                if (extractor instanceof InceptionFeatures inception) {
                    inception.close();
                }
            }
            o.printf(Locale.ROOT, "%s: %d paintings per emotion (seeds %d..%d), classifier at %d px%n", g.style(),
                    perEmotion, seed, seed + perEmotion - 1, c.imageSize());
            o.print(GeneratorEvaluation.table(r));
            if (!r.quality().isEmpty()) {
                o.println("image quality on " + r.features() + " (generated vs real; ratio = generated / "
                        + "real-vs-real):");
                o.print(GeneratorEvaluation.qualityTable(r));
            }
            r.diversity().stream().filter(GeneratorEvaluation.EmotionDiversity::collapseSuspected).forEach(d ->
                    o.printf(Locale.ROOT, "warning: %s paintings are %.0f%% as diverse as real ones: possible mode "
                            + "collapse%n", d.emotion().label(), 100 * d.ratio()));
            o.println("report: " + dir.resolve("evaluation.md") + " (also evaluation.json, adherence-confusion.png, "
                    + "samples.png" + (real != null ? ", " + GeneratorEvaluation.REAL_BESIDE_GENERATED : "") + ")");
            o.flush();
        }
        return 0;
    }
}
