package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.data.BrokenImage;
import org.emotionart.data.LabelledImage;
import org.emotionart.data.LabelsFile;
import org.emotionart.data.StyleCache;
import org.emotionart.data.WikiArtFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emotion-art data stats DIR [--labels FILE]}: readable images per style (and per emotion),
 * broken files per style and which they are. Counting readable images means decoding them, so this
 * builds or refreshes the preprocessing caches (at {@code --size}, 64 by default: the GAN's), which
 * training then reuses; a second run only checks them.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Count the readable images of a WikiArt folder per style (and per emotion with --labels), "
                + "and list the broken ones.",
                "Builds or refreshes the preprocessing caches on the way (decoding every image once), "
                        + "so later runs and training start at once."})
public final class DataStatsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "WikiArt root: one folder per style, e.g. DIR/landscape/*.jpg")
    Path dir;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels CSV (path,style,emotion[,...]); adds per-emotion and unlabelled counts.")
    Path labels;

    @Option(names = "--size", paramLabel = "S", defaultValue = "64",
            description = "Cache image size (default: ${DEFAULT-VALUE}, the GAN's; the classifier uses 224).")
    int size;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache folder (default: DIR/" + StyleCache.DEFAULT_DIR_NAME + ").")
    Path cacheDir;

    @Override
    public Integer call() {
        Checks.imageSize(spec, size);
        WikiArtFolder data = WikiArtFolder.open(dir);
        if (labels != null) {
            Checks.inputFile(spec, "--labels", labels);
        }
        List<LabelledImage> rows = labels == null ? null : LabelsFile.read(labels);

        // refuse before writing any cache file when there is nothing to read
        if (data.styles().stream().allMatch(style -> data.images(style).isEmpty())) {
            throw new EmotionArtException("no images (.jpg, .jpeg, .png) in the style folders of " + dir
                    + " (styles found: " + String.join(", ", data.styles()) + ")");
        }
        List<StyleCache> caches = new ArrayList<>();
        for (String style : data.styles()) {
            caches.add(StyleCache.load(data, style, size, cacheDir, true));
        }

        PrintWriter out = spec.commandLine().getOut();
        Map<String, Emotion> labelOf = new HashMap<>();
        Map<String, Integer> labelsPerStyle = new TreeMap<>();
        if (rows != null) {
            for (LabelledImage r : rows) {
                labelOf.put(r.path(), r.emotion());
                labelsPerStyle.merge(r.style(), 1, Integer::sum);
            }
        }
        String header = String.format(Locale.ROOT, "%-24s %9s %7s", "style", "images", "broken");
        if (rows != null) {
            header += String.format(Locale.ROOT, " %9s %9s %9s %10s", "negative", "neutral", "positive", "unlabelled");
        }
        out.println(header);
        int[] totals = new int[2 + Emotion.COUNT + 1];
        List<BrokenImage> broken = new ArrayList<>();
        int labelledFound = 0;
        for (StyleCache cache : caches) {
            int[] perEmotion = new int[Emotion.COUNT];
            int unlabelled = 0;
            for (String p : cache.paths()) {
                Emotion e = labelOf.get(p);
                if (e == null) {
                    unlabelled++;
                } else {
                    perEmotion[e.index()]++;
                }
            }
            for (BrokenImage b : cache.broken()) {
                labelledFound += labelOf.containsKey(b.path()) ? 1 : 0;
            }
            labelledFound += cache.count() - unlabelled;
            broken.addAll(cache.broken());
            String line = String.format(Locale.ROOT, "%-24s %,9d %,7d", cache.style(), cache.count(), cache.broken().size());
            totals[0] += cache.count();
            totals[1] += cache.broken().size();
            if (rows != null) {
                line += String.format(Locale.ROOT, " %,9d %,9d %,9d %,10d", perEmotion[0], perEmotion[1], perEmotion[2],
                        unlabelled);
                for (int i = 0; i < Emotion.COUNT; i++) {
                    totals[2 + i] += perEmotion[i];
                }
                totals[2 + Emotion.COUNT] += unlabelled;
            }
            out.println(line);
        }
        String total = String.format(Locale.ROOT, "%-24s %,9d %,7d", "total (" + caches.size() + " styles)",
                totals[0], totals[1]);
        if (rows != null) {
            total += String.format(Locale.ROOT, " %,9d %,9d %,9d %,10d", totals[2], totals[3], totals[4], totals[5]);
        }
        out.println(total);
        out.printf(Locale.ROOT, "readable images are those that decode; caches at %dx%d in %s%n", size, size,
                caches.get(0).file().getParent());

        if (rows != null) {
            List<String> noFolder = labelsPerStyle.keySet().stream().filter(s -> !data.hasStyle(s)).toList();
            if (!noFolder.isEmpty()) {
                out.println("note: " + labels + " names styles with no folder here: " + String.join(", ", noFolder));
            }
            int absent = labelOf.size() - labelledFound;
            if (absent > 0) {
                out.printf(Locale.ROOT, "note: %,d of %,d labelled paths are not image files under %s%n", absent,
                        labelOf.size(), dir);
            }
        }
        if (!broken.isEmpty()) {
            out.printf(Locale.ROOT, "broken files (%,d, skipped):%n", broken.size());
            for (BrokenImage b : broken) {
                out.println("  " + b.path() + ": " + b.reason());
            }
        }
        out.flush();
        return 0;
    }
}
