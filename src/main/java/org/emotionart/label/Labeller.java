package org.emotionart.label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.Prediction;
import org.emotionart.data.LabelledImage;
import org.emotionart.data.LabelsFile;
import org.emotionart.data.ParallelDecoder;
import org.emotionart.data.SourceImage;
import org.emotionart.data.WikiArtFolder;
import org.emotionart.util.Excerpt;
import org.emotionart.util.Progress;
import org.emotionart.viz.EmotionDistributionChart;
import org.emotionart.viz.Images;

/**
 * Labels every image of a WikiArt folder with the classifier and writes the manifest that
 * {@code train-gan --labels} reads: {@code path,style,emotion,p_negative,p_neutral,p_positive}, paths
 * relative to the data root ({@link LabelsFile}'s manifest form), and {@value #IN_DOMAIN} when the
 * classifier has a calibrated domain.
 *
 * <p>Resumable: the manifest and the list of broken files are {@link AppendOnlyCsv}s, appended and
 * flushed batch by batch, so a rerun after an interruption (even {@code kill -9}) keeps what was
 * written, drops a torn last line, and labels only the images in neither file. Images are decoded in
 * Java ({@code ImageDecoder}: centre square, antialiased resize to the classifier's size, as in
 * training) on a pool of threads that keeps decoding the next batch while TensorFlow classifies the
 * current one. Files that cannot be decoded are skipped and listed with the reason; a rerun does not
 * retry them (delete the list to retry).
 *
 * <p>At the end the manifest's emotion distribution per style is drawn beside it.
 */
public final class Labeller {
    public static final List<String> BROKEN_HEADER = List.of("path", "reason");

    private Labeller() {
    }

    /**
     * What a run did. {@code perStyle} counts the emotions of every row in the manifest (earlier runs
     * included), by style, indexed by {@link Emotion#index()}; {@code seconds} is the time this run
     * spent decoding, classifying and writing rows.
     */
    public record Summary(int images, int alreadyLabelled, int retried, int labelled, int broken,
                          long droppedBytes, Map<String, int[]> perStyle, Path manifest, Path brokenList, Path chart,
                          double seconds, int outOfDomain) {
        /** Files broken now: the broken list holds exactly these (earlier entries were tried again). */
        public int brokenTotal() {
            return broken;
        }

        public int rows() {
            return perStyle.values().stream().mapToInt(c -> c[0] + c[1] + c[2]).sum();
        }
    }

    /** {@code manifest.csv} → {@code manifest-broken.csv}. */
    public static Path brokenListFor(Path manifest) {
        return sibling(manifest, "-broken.csv");
    }

    /** {@code manifest.csv} → {@code manifest-emotions.png}. */
    public static Path chartFor(Path manifest) {
        return sibling(manifest, "-emotions.png");
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + suffix);
    }

    /**
     * Labels the images of {@code styles} (folder names of {@code data}) not yet in the manifest.
     *
     * @param batch   images per classifier call
     * @param threads decoding threads
     */
    public static Summary run(WikiArtFolder data, List<String> styles, EmotionClassifier classifier, Path manifest,
                              int batch, int threads, boolean progress) throws IOException {
        List<SourceImage> all = new ArrayList<>();
        for (String style : styles) {
            all.addAll(data.images(style));
        }
        if (all.isEmpty()) {
            throw new EmotionArtException("no images (.jpg, .jpeg, .png) in " + (styles.size() == 1
                    ? "the style folder " + data.styleDir(styles.get(0)) : "the style folders of " + data.root()
                    + " (" + String.join(", ", styles) + ")"));
        }
        Path brokenFile = brokenListFor(manifest);
        Map<String, int[]> perStyle = new TreeMap<>();
        // files listed as broken by an earlier run are tried again (they may have been repaired), and the
        // list is written anew: it holds the files broken now, none that were deleted or mended since
        Set<String> brokenBefore = new HashSet<>();
        if (Files.exists(brokenFile)) {
            try (AppendOnlyCsv old = AppendOnlyCsv.open(brokenFile, BROKEN_HEADER, "list of broken files")) {
                for (CSVRecord r : old.existing()) {
                    brokenBefore.add(r.get(0));
                }
            }
            Files.delete(brokenFile);
        }
        boolean domain = classifier.domain().isPresent();
        refuseOtherClassifiersManifest(manifest, domain);
        try (AppendOnlyCsv rows = AppendOnlyCsv.open(manifest, manifestHeader(domain), "label manifest");
             BrokenList broken = new BrokenList(brokenFile)) {
            Set<String> done = new HashSet<>();
            for (CSVRecord r : rows.existing()) {
                LabelledImage row = parse(manifest, r);
                done.add(row.path());
                perStyle.computeIfAbsent(row.style(), s -> new int[Emotion.COUNT])[row.emotion().index()]++;
            }
            List<SourceImage> todo = all.stream().filter(s -> !done.contains(s.path())).toList();
            int alreadyLabelled = (int) all.stream().filter(s -> done.contains(s.path())).count();
            int retried = (int) todo.stream().filter(s -> brokenBefore.contains(s.path())).count();

            Pipeline pipeline = new Pipeline(classifier, rows, broken, batch, perStyle);
            long t0 = System.nanoTime();
            double seconds = 0;
            if (!todo.isEmpty()) {
                try (ProgressBar bar = progress ? Progress.bar("label", todo.size(), "img") : null) {
                    pipeline.bar = bar;
                    ParallelDecoder.decodeInOrder(todo, classifier.imageSize(), threads, 2 * batch, null, pipeline::accept);
                    pipeline.flush();
                }
                seconds = (System.nanoTime() - t0) / 1e9;
            }
            Path chart = chartFor(manifest);
            if (!perStyle.isEmpty()) {
                int total = perStyle.values().stream().mapToInt(c -> c[0] + c[1] + c[2]).sum();
                Images.writePng(EmotionDistributionChart.render(String.format(Locale.ROOT,
                        "Emotions per style: %,d paintings labelled by the classifier", total), perStyle), chart);
            }
            return new Summary(all.size(), alreadyLabelled, retried, pipeline.labelled, pipeline.brokenCount,
                    rows.droppedBytes() + broken.droppedBytes, perStyle, manifest, brokenFile,
                    perStyle.isEmpty() ? null : chart, seconds,
                    classifier.domain().isPresent() ? pipeline.outOfDomain : -1);
        }
    }

    /** The column {@code label} adds when its classifier has a calibrated domain: true, or false for a guess. */
    public static final String IN_DOMAIN = "in_domain";

    /**
     * The manifest's columns: the labels file's (what {@code train-gan --labels} reads, by name) and,
     * for a classifier with a calibrated domain, {@value #IN_DOMAIN}.
     */
    public static List<String> manifestHeader(boolean domain) {
        List<String> h = new ArrayList<>(LabelsFile.BASE_COLUMNS);
        h.addAll(LabelsFile.PROBABILITY_COLUMNS);
        if (domain) {
            h.add(IN_DOMAIN);
        }
        return h;
    }

    /** A manifest begun by a classifier with (without) a domain is not continued by one without (with). */
    private static void refuseOtherClassifiersManifest(Path manifest, boolean domain) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        String first = AppendOnlyCsv.firstLine(manifest, 1024).strip(); // not the whole of a huge first line
        if (first.equals(String.join(",", manifestHeader(!domain)))) {
            throw new EmotionArtException(manifest + " was begun by a classifier " + (domain ? "without" : "with")
                    + " a calibrated domain (its columns " + (domain ? "lack" : "have") + " " + IN_DOMAIN
                    + "), and this one has " + (domain ? "one" : "none") + ": one manifest holds one classifier's "
                    + "labels, so label into another --out, or delete it to label everything again");
        }
    }

    private static LabelledImage parse(Path manifest, CSVRecord r) {
        long line = r.getRecordNumber() + 1;
        if (r.size() != 6 && r.size() != 7) {
            throw new EmotionArtException(manifest + ": line " + line + ": expected 6 or 7 fields, found " + r.size()
                    + "; it was not written by 'label': choose another --out");
        }
        float[] p = new float[Emotion.COUNT];
        for (int i = 0; i < p.length; i++) {
            try {
                p[i] = Float.parseFloat(r.get(3 + i));
            } catch (NumberFormatException e) {
                throw new EmotionArtException(manifest + ": line " + line + ": column '"
                        + LabelsFile.PROBABILITY_COLUMNS.get(i) + "': not a number: '" + Excerpt.of(r.get(3 + i)) + "'");
            }
        }
        try {
            return new LabelledImage(r.get(0), r.get(1), Emotion.parse(r.get(2)), p);
        } catch (IllegalArgumentException e) {
            throw new EmotionArtException(manifest + ": line " + line + ": " + e.getMessage());
        }
    }

    /** The list of broken files of this run, written (with its header) even when none is. */
    private static final class BrokenList implements AutoCloseable {
        final Path file;
        final List<CSVRecord> existing;
        final long droppedBytes;
        AppendOnlyCsv csv;

        BrokenList(Path file) throws IOException {
            this.file = file;
            csv = AppendOnlyCsv.open(file, BROKEN_HEADER, "list of broken files");
            existing = csv.existing();
            droppedBytes = csv.droppedBytes();
        }

        void append(List<List<String>> records) throws IOException {
            if (csv == null) {
                csv = AppendOnlyCsv.open(file, BROKEN_HEADER, "list of broken files");
            }
            csv.append(records);
        }

        @Override
        public void close() throws IOException {
            if (csv != null) {
                csv.close();
            }
        }
    }

    /** Collects decoded images into batches, classifies each and appends its rows. */
    private static final class Pipeline {
        final EmotionClassifier classifier;
        final AppendOnlyCsv rows;
        final BrokenList broken;
        final int batch;
        final int bytes;
        final Map<String, int[]> perStyle;
        final List<SourceImage> sources = new ArrayList<>();
        final List<List<String>> brokenRows = new ArrayList<>();
        final byte[] pixels;
        ProgressBar bar;
        int labelled;
        int brokenCount;
        /** Whether the classifier has a calibrated domain: then each row says in_domain. */
        final boolean withDomain;
        /** Paintings labelled now that the classifier's calibrated domain calls unlike its training ones. */
        int outOfDomain;

        Pipeline(EmotionClassifier classifier, AppendOnlyCsv rows, BrokenList broken, int batch,
                 Map<String, int[]> perStyle) {
            this.classifier = classifier;
            this.withDomain = classifier.domain().isPresent();
            this.rows = rows;
            this.broken = broken;
            this.batch = batch;
            this.perStyle = perStyle;
            this.bytes = classifier.imageSize() * classifier.imageSize() * 3;
            this.pixels = new byte[batch * bytes];
        }

        void accept(SourceImage source, byte[] decoded, String error) throws IOException {
            if (decoded == null) {
                brokenRows.add(List.of(source.path(), error == null ? "unreadable" : error));
                brokenCount++;
            } else {
                System.arraycopy(decoded, 0, pixels, sources.size() * bytes, bytes);
                sources.add(source);
            }
            if (sources.size() == batch || brokenRows.size() >= batch) {
                flush();
            }
        }

        void flush() throws IOException {
            int n = sources.size();
            if (n > 0) {
                byte[] in = n == batch ? pixels : java.util.Arrays.copyOf(pixels, n * bytes);
                List<Prediction> predictions = classifier.classifyPixels(in, n);
                List<List<String>> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    SourceImage s = sources.get(i);
                    String style = s.path().substring(0, s.path().indexOf('/'));
                    Prediction p = predictions.get(i);
                    outOfDomain += p.outOfDomain() ? 1 : 0;
                    List<String> row = new ArrayList<>(LabelsFile.formatRow(
                            new LabelledImage(s.path(), style, p.emotion(), p.probabilities()), true));
                    if (withDomain) {
                        row.add(Boolean.toString(!p.outOfDomain()));
                    }
                    out.add(row);
                    perStyle.computeIfAbsent(style, k -> new int[Emotion.COUNT])[p.emotion().index()]++;
                }
                rows.append(out);
                labelled += n;
            }
            if (!brokenRows.isEmpty()) {
                broken.append(brokenRows);
            }
            if (bar != null) {
                bar.stepBy(n + brokenRows.size());
                if (brokenCount > 0) {
                    bar.setExtraMessage(" " + brokenCount + " broken");
                }
            }
            sources.clear();
            brokenRows.clear();
        }
    }
}
