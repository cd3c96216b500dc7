package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.emotionart.Emotion;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.WikiArtFolder;
import org.emotionart.label.Labeller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code emotion-art label WIKIART_ROOT --classifier BUNDLE --out manifest.csv}: see {@link Labeller}. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Label every painting of a WikiArt folder with the classifier, for training the GANs.",
                "Writes the manifest (path,style,emotion,p_negative,p_neutral,p_positive; paths relative to "
                        + "WIKIART_ROOT) that 'train-gan --labels' reads, a list of unreadable files "
                        + "(NAME-broken.csv) and the emotion distribution per style (NAME-emotions.png) beside it, "
                        + "and prints a summary table.",
                "Resumable: rows are appended and flushed batch by batch; a rerun (also after kill -9) keeps "
                        + "them and labels only the rest."})
final class LabelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WIKIART_ROOT", description = "Data root: one folder of images per style.")
    Path root;
    @Option(names = "--classifier", required = true, paramLabel = "BUNDLE", description = "Classifier bundle folder.")
    Path classifier;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Manifest CSV to write or resume.")
    Path out;
    @Option(names = "--styles", split = ",", paramLabel = "STYLE", description = "Only these styles (default: all).")
    List<String> styles;
    @Option(names = "--batch", defaultValue = "64", description = "Images per classifier call (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--threads", defaultValue = "0", description = "Decoding threads, 0 = all cores (default).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Checks.range(spec, "--batch", batch, 1, EmotionClassifier.MAX_BATCH);
        int nThreads = Checks.threads(spec, threads);
        Checks.outputFile(spec, "--out", out);
        WikiArtFolder data = WikiArtFolder.open(root);
        List<String> chosen = data.styles();
        if (styles != null) {
            List<String> unknown = styles.stream().filter(s -> !data.hasStyle(s)).toList();
            if (!unknown.isEmpty()) {
                throw Checks.usage(spec, "unknown " + (unknown.size() == 1 ? "style" : "styles") + " in --styles: "
                        + String.join(", ", unknown) + " (styles found in " + root + ": "
                        + String.join(", ", data.styles()) + ")");
            }
            chosen = new ArrayList<>(new LinkedHashSet<>(styles));
        }
        PrintWriter o = spec.commandLine().getOut();
        Labeller.Summary s;
        try (EmotionClassifier c = BundleOptions.classifier(spec, "--classifier", classifier)) {
            s = Labeller.run(data, chosen, c, out, batch, nThreads, true);
        }
        printSummary(o, s);
        return 0;
    }

    static void printSummary(PrintWriter o, Labeller.Summary s) {
        if (s.droppedBytes() > 0) {
            o.printf(Locale.ROOT, "resumed: dropped an incomplete last line (%d bytes) left by an interrupted run%n",
                    s.droppedBytes());
        }
        o.printf(Locale.ROOT, "%,d images: %,d labelled now, %,d already in the manifest (skipped), %,d broken now"
                        + "%s%n", s.images(), s.labelled(), s.alreadyLabelled(), s.broken(),
                s.retried() > 0 ? String.format(Locale.ROOT, " (%,d listed as broken by an earlier run, tried again)",
                        s.retried()) : "");
        if (s.labelled() + s.broken() > 0) {
            o.printf(Locale.ROOT, "%,d images decoded and classified in %.1f s (%.1f img/s)%n", s.labelled() + s.broken(),
                    s.seconds(), (s.labelled() + s.broken()) / Math.max(1e-9, s.seconds()));
        }
        if (s.outOfDomain() > 0) {
            o.printf(Locale.ROOT, "%,d of the %,d paintings labelled now are unlike the paintings the classifier was "
                    + "trained on (out of its domain): their labels are guesses%n", s.outOfDomain(), s.labelled());
        }
        if (s.brokenTotal() > 0) {
            o.println("broken files (not labelled): " + s.brokenList());
        }
        int width = Math.max(5, s.perStyle().keySet().stream().mapToInt(String::length).max().orElse(5));
        String fmt = "%-" + width + "s  %8s  %16s  %16s  %16s%n";
        o.printf(Locale.ROOT, fmt, "style", "images", "negative", "neutral", "positive");
        int[] total = new int[Emotion.COUNT];
        for (Map.Entry<String, int[]> e : s.perStyle().entrySet()) {
            row(o, fmt, e.getKey(), e.getValue());
            for (int i = 0; i < total.length; i++) {
                total[i] += e.getValue()[i];
            }
        }
        if (s.perStyle().size() > 1) {
            row(o, fmt, "all", total);
        }
        o.println("manifest: " + s.manifest() + " (" + String.format(Locale.ROOT, "%,d", s.rows()) + " rows)");
        if (s.chart() != null) {
            o.println("chart: " + s.chart());
        }
        o.flush();
    }

    private static void row(PrintWriter o, String fmt, String style, int[] c) {
        int n = c[0] + c[1] + c[2];
        String[] cells = new String[3];
        for (int i = 0; i < 3; i++) {
            cells[i] = String.format(Locale.ROOT, "%,d (%.1f%%)", c[i], n == 0 ? 0 : 100.0 * c[i] / n);
        }
        o.printf(Locale.ROOT, fmt, style, String.format(Locale.ROOT, "%,d", n), cells[0], cells[1], cells[2]);
    }
}
