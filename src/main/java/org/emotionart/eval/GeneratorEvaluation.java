package org.emotionart.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import org.emotionart.Emotion;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.Prediction;
import org.emotionart.data.ImageSet;
import org.emotionart.train.ConfusionMatrix;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.Json;
import org.emotionart.util.Progress;
import org.emotionart.viz.ConfusionMatrixChart;
import org.emotionart.viz.ImageGrid;
import org.emotionart.viz.Images;

/**
 * How well a generator does what it is asked, judged by the classifier, and whether it still makes
 * varied pictures.
 *
 * <ul>
 *   <li><b>Emotion adherence</b>: for each emotion, {@code perEmotion} paintings from seeds
 *       {@code seed .. seed+perEmotion-1} (the same seeds for every emotion, so only the emotion
 *       differs), classified; adherence is the share classified as the emotion asked for, and the
 *       confusion matrix has one row per emotion asked for. The classifier may take another size than
 *       the generator's: its facade centre-crops and resizes (antialiased) as in training.</li>
 *   <li><b>Diversity</b> ({@link Diversity}): mean pairwise RMS pixel distance among the generated
 *       paintings of each emotion, beside the same figure for as many real paintings of the style and
 *       emotion (a seeded sample, at the generator's size) when real data is given. A ratio
 *       generated / real well under 1 (flagged under 0.5) points to mode collapse.</li>
 *   <li><b>Image quality</b> ({@link Quality}, {@link QualityMetrics}) when real data and a
 *       {@link FeatureExtractor} are given: Fréchet distance, KID and precision / recall (k = 3) on
 *       the extractor's features, per emotion and for the whole style, between the generated
 *       paintings and as many real ones ("real A"), beside the same figures between real A and as many
 *       other real paintings ("real B", disjoint from A): the real-vs-real baseline. So each emotion needs
 *       twice {@code perEmotion} real paintings. Real A is also the real sample of the diversity figure.</li>
 * </ul>
 *
 * Writes {@code evaluation.json}, {@code evaluation.md}, {@code adherence-confusion.png} and
 * {@code samples.png} (the first 8 paintings of each emotion) into the output folder, and with real
 * data {@code real-beside-generated.png} (per emotion, 8 real paintings beside 8 generated ones).
 */
public final class GeneratorEvaluation {
    /** Ratio generated / real diversity under which the report flags possible mode collapse. */
    public static final double COLLAPSE_RATIO = 0.5;
    static final int GRID_COLUMNS = 8;
    /** With real data: per emotion, real paintings beside generated ones, to compare at a glance. */
    public static final String REAL_BESIDE_GENERATED = "real-beside-generated.png";

    private GeneratorEvaluation() {
    }

    /** Diversity of one emotion: generated, and real (NaN and 0 images without real data). */
    public record EmotionDiversity(Emotion emotion, double generated, int generatedImages, double real,
                                   int realImages) {
        public double ratio() {
            return generated / real;
        }

        public boolean collapseSuspected() {
            return realImages >= 2 && ratio() < COLLAPSE_RATIO;
        }
    }

    /** Results; {@code confusion} rows are the emotion asked for. */
    public record Result(String style, int perEmotion, long seed, ConfusionMatrix confusion,
                         List<EmotionDiversity> diversity, Map<String, Quality> quality, String features, Path out) {
        public double adherence(Emotion e) {
            return confusion.recall(e.index());
        }
    }

    /**
     * Runs the evaluation. {@code real} holds labelled real paintings of the generator's style at its
     * image size, or is null.
     */
    public static Result run(ArtGenerator generator, EmotionClassifier classifier, int perEmotion, long seed,
                             ImageSet real, String realSource, Path out, boolean progress) throws IOException {
        return run(generator, classifier, perEmotion, seed, real, realSource, null, out, progress);
    }

    /** As the full {@code run} below, with the FD baseline over {@link Quality#BASELINE_SPLITS} splits. */
    public static Result run(ArtGenerator generator, EmotionClassifier classifier, int perEmotion, long seed,
                             ImageSet real, String realSource, FeatureExtractor features, Path out,
                             boolean progress) throws IOException {
        return run(generator, classifier, perEmotion, seed, real, realSource, features, out, progress,
                Quality.BASELINE_SPLITS);
    }

    /**
     * The real paintings an emotion lacks for the quality figures (which need {@code 2 × perEmotion}
     * of each), as one sentence, or null when there are enough.
     */
    public static String tooFewReal(ImageSet real, String style, int perEmotion) {
        if (perEmotion < QualityMetrics.PR_K + 1) {
            return String.format(Locale.ROOT, "the quality figures need at least %d paintings per emotion (precision "
                    + "and recall use %d neighbours), not %d; use --per-emotion %d or more, or --features none",
                    QualityMetrics.PR_K + 1, QualityMetrics.PR_K, perEmotion, QualityMetrics.PR_K + 1);
        }
        for (Emotion e : Emotion.values()) {
            long have = Arrays.stream(real.emotions()).filter(x -> x == e).count();
            if (have < 2L * perEmotion) {
                return String.format(Locale.ROOT, "too few real %s paintings of %s for the quality figures: %d "
                        + "paintings per emotion need %d real ones of each (half to compare with, half for the "
                        + "real-vs-real baseline), there are %d; use --per-emotion %d or less, or --features none",
                        e.label(), style, perEmotion, 2 * perEmotion, have, have / 2);
            }
        }
        return null;
    }

    /**
     * Runs the evaluation; with {@code features} (and {@code real}) also the image-quality figures, for
     * which {@link #tooFewReal} must be null.
     */
    public static Result run(ArtGenerator generator, EmotionClassifier classifier, int perEmotion, long seed,
                             ImageSet real, String realSource, FeatureExtractor features, Path out,
                             boolean progress, int baselineSplits) throws IOException {
        boolean quality = features != null && real != null;
        if (quality && tooFewReal(real, generator.style(), perEmotion) != null) {
            throw new IllegalArgumentException(tooFewReal(real, generator.style(), perEmotion));
        }
        Map<String, Quality> qualities = new LinkedHashMap<>();
        List<double[][]> allGenerated = new ArrayList<>();
        List<double[][]> allA = new ArrayList<>();
        List<double[][]> allB = new ArrayList<>();
        int size = generator.imageSize();
        int bpi = size * size * 3;
        ConfusionMatrix confusion = new ConfusionMatrix();
        List<EmotionDiversity> diversity = new ArrayList<>();
        List<BufferedImage> gridTiles = new ArrayList<>();
        List<BufferedImage> besideTiles = new ArrayList<>();
        Random sampler = new Random(seed);
        try (ProgressBar bar = progress ? Progress.bar("evaluate", (long) perEmotion * Emotion.COUNT, "img") : null) {
            for (Emotion e : Emotion.values()) {
                byte[] pixels = new byte[perEmotion * bpi];
                for (int from = 0; from < perEmotion; from += ArtGenerator.MAX_COUNT) {
                    int n = Math.min(ArtGenerator.MAX_COUNT, perEmotion - from);
                    List<BufferedImage> images = generator.generate(e, n, seed + from);
                    List<Prediction> predictions = classifier.classify(images);
                    for (int i = 0; i < n; i++) {
                        confusion.add(e.index(), predictions.get(i).emotion().index());
                        Images.toHwc(images.get(i), pixels, from + i);
                        if (from + i < Math.min(GRID_COLUMNS, perEmotion)) {
                            gridTiles.add(images.get(i));
                        }
                    }
                    if (bar != null) {
                        bar.stepBy(n);
                    }
                }
                double generated = Diversity.meanPairwiseRms(pixels, perEmotion, bpi);
                double realFigure = Double.NaN;
                int realCount = 0;
                if (real != null) {
                    byte[][] halves = sample(real, e, perEmotion, quality ? 2 : 1, sampler);
                    byte[] sample = halves[0];
                    realCount = sample.length / bpi;
                    int shown = Math.min(GRID_COLUMNS, Math.min(realCount, perEmotion));
                    for (int i = 0; i < shown; i++) {
                        besideTiles.add(Images.fromHwc(sample, i, size));
                    }
                    for (int i = 0; i < shown; i++) {
                        besideTiles.add(Images.fromHwc(pixels, i, size));
                    }
                    realFigure = Diversity.meanPairwiseRms(sample, realCount, bpi);
                    if (quality) {
                        double[][] g = features.features(pixels, perEmotion, size);
                        double[][] a = features.features(halves[0], perEmotion, size);
                        double[][] b = features.features(halves[1], perEmotion, size);
                        qualities.put(e.label(), Quality.compare(g, a, b, null, null, seed + e.index(),
                                baselineSplits));
                        allGenerated.add(g);
                        allA.add(a);
                        allB.add(b);
                    }
                }
                diversity.add(new EmotionDiversity(e, generated, perEmotion, realFigure, realCount));
            }
        }
        if (quality) {
            qualities.put("all", Quality.compare(concat(allGenerated), concat(allA), concat(allB), strata(allA),
                    strata(allB), seed, baselineSplits));
        }
        Result result = new Result(generator.style(), perEmotion, seed, confusion, List.copyOf(diversity),
                qualities, quality ? features.description() : null, out);
        write(result, generator, classifier, realSource, gridTiles);
        int shown = besideTiles.size() / (2 * Emotion.COUNT);
        if (real != null && shown > 0 && besideTiles.size() == 2 * shown * Emotion.COUNT) {
            Images.writePng(ImageGrid.grid(besideTiles, 2 * shown, Emotion.labels(), String.format(Locale.ROOT,
                    "%s: %d real paintings (left) beside %d generated (right, seeds %d..%d)", result.style(), shown,
                    shown, seed, seed + shown - 1)), out.resolve(REAL_BESIDE_GENERATED));
        }
        return result;
    }

    /**
     * {@code parts} disjoint draws of up to {@code n} real paintings of one emotion each, without
     * replacement (with {@code parts} 2 there are always enough: see {@link #tooFewReal}). {@link #run}
     * draws each emotion's in emotion order from one {@code new Random(seed)}, so a caller doing the same
     * compares against the same real paintings as {@code evaluate}.
     */
    public static byte[][] sample(ImageSet real, Emotion e, int n, int parts, Random rnd) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < real.count(); i++) {
            if (real.emotions()[i] == e) {
                idx.add(i);
            }
        }
        Collections.shuffle(idx, rnd);
        int bpi = real.bytesPerImage();
        byte[][] out = new byte[parts][];
        for (int p = 0; p < parts; p++) {
            int k = Math.max(0, Math.min(n, idx.size() - p * n));
            out[p] = new byte[k * bpi];
            for (int i = 0; i < k; i++) {
                System.arraycopy(real.pixels(), idx.get(p * n + i) * bpi, out[p], i * bpi, bpi);
            }
        }
        return out;
    }

    /** One label per row of {@code concat(parts)}: the index of the part it came from (the emotion). */
    private static int[] strata(List<double[][]> parts) {
        int[] labels = new int[parts.stream().mapToInt(p -> p.length).sum()];
        int row = 0;
        for (int i = 0; i < parts.size(); i++) {
            Arrays.fill(labels, row, row + parts.get(i).length, i);
            row += parts.get(i).length;
        }
        return labels;
    }

    private static double[][] concat(List<double[][]> parts) {
        return parts.stream().flatMap(Arrays::stream).toArray(double[][]::new);
    }

    private static void write(Result r, ArtGenerator generator, EmotionClassifier classifier, String realSource,
                              List<BufferedImage> gridTiles) throws IOException {
        Path out = r.out();
        Files.createDirectories(out);
        ConfusionMatrix m = r.confusion();
        Images.writePng(ConfusionMatrixChart.render(String.format(Locale.ROOT,
                        "%s: %.1f%% classified as asked", r.style(), 100 * m.accuracy()),
                Emotion.labels(), m.counts(), "rows: emotion asked for; columns: the classifier's reading"),
                out.resolve("adherence-confusion.png"));
        int columns = Math.min(GRID_COLUMNS, r.perEmotion());
        Images.writePng(ImageGrid.grid(gridTiles, columns, Emotion.labels(), String.format(Locale.ROOT,
                "%s: seeds %d..%d for each emotion", r.style(), r.seed(), r.seed() + columns - 1)),
                out.resolve("samples.png"));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("style", r.style());
        json.put("generator", generator.path().toString());
        json.put("classifier", classifier.path().toString());
        json.put("perEmotion", r.perEmotion());
        json.put("seeds", r.seed() + ".." + (r.seed() + r.perEmotion() - 1) + " for each emotion");
        Map<String, Object> adherence = new LinkedHashMap<>();
        adherence.put("overall", m.accuracy());
        for (Emotion e : Emotion.values()) {
            adherence.put(e.label(), r.adherence(e));
        }
        json.put("adherence", adherence);
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("rows", "emotion asked for");
        matrix.put("columns", "emotion classified");
        matrix.put("matrix", m.counts());
        json.put("confusion", matrix);
        Map<String, Object> div = new LinkedHashMap<>();
        div.put("metric", "mean pairwise RMS pixel distance, pixels in [0, 1], at " + generator.imageSize() + " px");
        div.put("realData", realSource);
        for (EmotionDiversity d : r.diversity()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("generated", d.generated());
            one.put("generatedImages", d.generatedImages());
            one.put("real", Double.isNaN(d.real()) ? null : d.real());
            one.put("realImages", d.realImages());
            one.put("ratio", Double.isNaN(d.real()) ? null : d.ratio());
            one.put("collapseSuspected", d.collapseSuspected());
            div.put(d.emotion().label(), one);
        }
        json.put("diversity", div);
        if (!r.quality().isEmpty()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("features", r.features());
            q.put("realData", realSource);
            q.put("method", "generated vs real A; baseline: real B vs real A (A, B disjoint real samples as large as "
                    + "the generated set); the FD baseline is the median over fdRealVsRealSplits splits of A and B "
                    + "(A and B as drawn, then A + B reshuffled, within each emotion); FD with unbiased covariances; KID: unbiased MMD^2, kernel (x.y/d+1)^3; "
                    + "precision/recall: k-NN manifolds, k=" + QualityMetrics.PR_K);
            r.quality().forEach((k, v) -> q.put(k, v.toJson()));
            json.put("quality", q);
        }
        Json.writeFile(out.resolve("evaluation.json"), json);
        AtomicFiles.writeString(out.resolve("evaluation.md"), markdown(r, generator, classifier, realSource));
    }

    private static String markdown(Result r, ArtGenerator generator, EmotionClassifier classifier, String realSource) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generator evaluation: ").append(r.style()).append("\n\n");
        sb.append("Generator `").append(generator.path()).append("`, classifier `").append(classifier.path())
                .append("`.\n");
        sb.append(String.format(Locale.ROOT, "%d paintings per emotion from seeds %d..%d (the same seeds for each "
                + "emotion).%n%n", r.perEmotion(), r.seed(), r.seed() + r.perEmotion() - 1));
        sb.append("## Summary\n\n").append(table(r)).append('\n');
        sb.append("## Emotion adherence\n\nShare of the paintings asked for an emotion that the classifier reads as "
                + "that emotion (rows of the matrix: the emotion asked for; see adherence-confusion.png).\n\n");
        sb.append(r.confusion().toMarkdown().replace("true \\ predicted", "asked \\ classified")).append('\n');
        sb.append("## Diversity\n\nMean pairwise RMS pixel distance (pixels in [0, 1], at ")
                .append(generator.imageSize()).append(" px) among the paintings of one emotion; ")
                .append(realSource == null ? "no real data was given (--data/--labels), so there is no real figure "
                        + "to compare with."
                        : "real: the same number of real paintings of the style and emotion (or all there are), from "
                        + realSource + ".")
                .append(" A ratio generated / real under ").append(COLLAPSE_RATIO)
                .append(" is flagged as possible mode collapse.\n");
        if (!r.quality().isEmpty()) {
            sb.append("\n## Image quality\n\nOn ").append(r.features()).append(": the generated paintings of each "
                    + "emotion against as many real ones (real A), and beside each figure the same between real A and "
                    + "as many other real paintings (real B), from ").append(realSource).append(". FD real-vs-real: "
                    + "the median over ").append(r.quality().values().iterator().next().baselineSplits())
                    .append(" splits of the real paintings (A and B as drawn, then A + B reshuffled within each "
                    + "emotion), range in evaluation.json; one split's figure varies several-fold. FD ratio = FD / "
                    + "real-vs-real FD (1: as close to real A as other real paintings are). KID: mean ± std over ")
                    .append(Quality.KID_SUBSETS).append(" subsets. Precision / recall: k-nearest-neighbour "
                    + "manifolds, k = ").append(QualityMetrics.PR_K).append(" (Kynkäänniemi et al. 2019).\n\n")
                    .append(qualityTable(r));
        }
        return sb.toString();
    }

    /** The image-quality table (Markdown); empty without quality figures. */
    public static String qualityTable(Result r) {
        if (r.quality().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| emotion | FD | FD real-vs-real | FD ratio | KID | KID real-vs-real | precision | recall "
                + "| precision / recall real-vs-real |\n|---|---|---|---|---|---|---|---|---|\n");
        r.quality().forEach((k, q) -> sb.append(String.format(Locale.ROOT,
                "| %s | %.3f | %.3f | %.2f | %.4f ± %.4f | %.4f ± %.4f | %.3f | %.3f | %.3f / %.3f |%n", k, q.fd(),
                q.fdBaseline(), q.fdRatio(), q.kid().mean(), q.kid().std(), q.kidBaseline().mean(), q.kidBaseline().std(), q.pr().precision(), q.pr().recall(), q.prBaseline().precision(),
                q.prBaseline().recall())));
        return sb.toString();
    }

    /** The short table the command prints (Markdown). */
    public static String table(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("| emotion | adherence | diversity generated | diversity real | ratio |\n|---|---|---|---|---|\n");
        for (EmotionDiversity d : r.diversity()) {
            boolean real = !Double.isNaN(d.real());
            sb.append(String.format(Locale.ROOT, "| %s | %.1f%% (%d/%d) | %.4f | %s | %s |%n", d.emotion().label(),
                    100 * r.adherence(d.emotion()), r.confusion().count(d.emotion().index(), d.emotion().index()),
                    r.confusion().rowTotal(d.emotion().index()), d.generated(),
                    real ? String.format(Locale.ROOT, "%.4f (%d images)", d.real(), d.realImages()) : "-",
                    real ? String.format(Locale.ROOT, "%.2f%s", d.ratio(), d.collapseSuspected()
                            ? " possible mode collapse" : "") : "-"));
        }
        sb.append(String.format(Locale.ROOT, "| all | %.1f%% (%d images) | | | |%n", 100 * r.confusion().accuracy(),
                r.confusion().total()));
        return sb.toString();
    }
}
