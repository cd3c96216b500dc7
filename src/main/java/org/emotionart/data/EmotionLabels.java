package org.emotionart.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.emotionart.Emotion;
import org.emotionart.data.WikiArtEmotions.Annotations;
import org.emotionart.data.WikiArtEmotions.Block;
import org.emotionart.data.WikiArtEmotions.Row;

/**
 * Training labels from WikiArt Emotions: reads an annotation file, derives one class per row
 * ({@link LabelDerivation}, with an {@link EmotionMapping}), finds each row's image
 * ({@link ImageMatcher}) and keeps the labelled rows that have one, as {@link LabelledImage}s whose
 * paths are relative to the images folder — the same rows a labels file ({@link LabelsFile}) holds, so
 * training reads either the same way with the images folder as the data root.
 *
 * <p>Typical use (classifier training):
 * <pre>
 * EmotionLabels labels = EmotionLabels.load(tsv, imagesDir, EmotionLabels.Settings.DEFAULT);
 * labels.report().forEach(System.out::println);
 * List&lt;LabelledImage&gt; images = labels.images();
 * </pre>
 *
 * @param annotations the rows read
 * @param settings    block, mapping and derivation options used
 * @param derivation  the class decision of every row, with per-rule and per-class counts
 * @param matching    which rows have an image; null when no images folder was given
 * @param images      the labelled rows with an image, in file order (empty without images folder)
 */
public record EmotionLabels(Annotations annotations, Settings settings, LabelDerivation.Result derivation,
                            ImageMatcher.Result matching, List<LabelledImage> images) {

    /** How many examples of rows without an image the report shows. */
    public static final int EXAMPLES = 5;

    /**
     * What to read and how to label it.
     *
     * @param block   which block's scores to use (default {@link Block#IMAGE}: the classifier sees images only)
     * @param mapping 20 emotions to 3 classes (default {@link EmotionMapping#DEFAULT})
     * @param options derivation options (default {@link LabelDerivation.Options#DEFAULT})
     */
    public record Settings(Block block, EmotionMapping mapping, LabelDerivation.Options options) {
        /** ImageOnly block, the authors' mapping, no minimum score, ties skipped. */
        public static final Settings DEFAULT = new Settings(Block.IMAGE, EmotionMapping.DEFAULT,
                LabelDerivation.Options.DEFAULT);
    }

    /**
     * Reads {@code tsv}, derives labels and, when {@code imagesDir} is not null, matches images.
     *
     * @throws org.emotionart.EmotionArtException when the file is malformed (file, line and column in the
     *                                            message) or the images folder is missing
     */
    public static EmotionLabels load(Path tsv, Path imagesDir, Settings settings) {
        Annotations annotations = WikiArtEmotions.read(tsv, settings.block());
        LabelDerivation.Result derivation = LabelDerivation.derive(annotations.rows(), settings.mapping(),
                settings.options());
        if (imagesDir == null) {
            return new EmotionLabels(annotations, settings, derivation, null, List.of());
        }
        ImageMatcher.Result matching = ImageMatcher.index(imagesDir).match(annotations.rows());
        Map<Row, ImageMatcher.Match> byRow = new IdentityHashMap<>();
        for (ImageMatcher.Match m : matching.matches()) {
            byRow.put(m.row(), m);
        }
        List<LabelledImage> images = new ArrayList<>();
        for (LabelDerivation.Decision d : derivation.decisions()) {
            ImageMatcher.Match m = byRow.get(d.row());
            if (d.emotion() != null && m != null) {
                images.add(new LabelledImage(m.path(), m.style(), d.emotion()));
            }
        }
        return new EmotionLabels(annotations, settings, derivation, matching, List.copyOf(images));
    }

    /** Labelled images per class, indexed by {@link Emotion#index()}. */
    public int[] imagesPerClass() {
        int[] counts = new int[Emotion.COUNT];
        for (LabelledImage i : images) {
            counts[i.emotion().index()]++;
        }
        return counts;
    }

    /** The report printed by {@code emotion-art data emotions}, one entry per line. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        Block block = annotations.block();
        int rows = annotations.rows().size();
        out.add("rows read:     " + rows + " from " + annotations.file() + " (block " + block + ": the '"
                + block.prefix() + ": <emotion>' columns)");
        out.add("variant:       " + annotations.variant().description());
        out.add("mapping:       " + settings.mapping().source() + ": " + settings.mapping().describe());
        out.add("derivation:    " + settings.options().describe());
        out.add("rules:         " + derivation.describeRules(settings.options()));
        out.add("labelled rows: " + derivation.labelled() + " of " + rows + ": " + perClass(derivation.perClass()));
        if (matching != null) {
            out.add("images:        " + matching.matches().size() + " of " + rows + " rows matched a file in "
                    + matching.imagesDir() + " (" + matching.byUrlName() + " by URL file name, " + matching.byId()
                    + " by ID; " + matching.filesIndexed() + " files there)");
            int without = matching.missing().size() + matching.ambiguous().size() + matching.shared().size();
            if (without == 0) {
                out.add("without image: 0");
            } else {
                out.add("without image: " + without + " (" + matching.missing().size() + " not found, "
                        + matching.ambiguous().size() + " ambiguous, " + matching.shared().size()
                        + " sharing a file with an earlier row)" + examples(matching));
            }
            out.add("training rows: " + images.size() + " labelled rows with an image: " + perClass(imagesPerClass()));
        }
        return out;
    }

    private static String examples(ImageMatcher.Result m) {
        List<String> ex = new ArrayList<>();
        for (List<Row> list : List.of(m.missing(), m.ambiguous(), m.shared())) {
            for (Row r : list) {
                if (ex.size() < EXAMPLES) {
                    ex.add(r.id() + " (" + (r.imageFileName().isEmpty() ? "no image URL" : r.imageFileName())
                            + ", line " + r.line() + ")");
                }
            }
        }
        return ", e.g. " + String.join(", ", ex);
    }

    private static String perClass(int[] counts) {
        return java.util.Arrays.stream(Emotion.values()).map(e -> e + " " + counts[e.index()])
                .collect(Collectors.joining(", "));
    }
}
