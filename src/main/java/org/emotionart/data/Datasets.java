package org.emotionart.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;

/**
 * Training data: a labels file joined with the preprocessing caches of the styles it labels.
 *
 * <p>{@link #load} gives the images of one style (the GAN trains one generator per style);
 * {@link #loadAll} gives every style the labels file mentions (the classifier). Caches are built or
 * refreshed as needed ({@link StyleCache}). Images come in a fixed order: styles sorted, then files
 * sorted by name.
 *
 * <p>A labels file that does not fit the images is an error that says how: a labelled path that is
 * not in its style folder, a style without a folder, no row for the style asked for, a path labelled
 * twice. Images in the folder without a label are skipped and counted, and so are labelled images
 * that cannot be decoded ({@link Loaded}).
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * Images and what was left out.
     *
     * @param images the labelled, readable images
     * @param styles the styles they come from, sorted
     * @param unlabelled readable images in those style folders that have no label (skipped)
     * @param brokenLabelled labelled images that could not be decoded (skipped)
     */
    public record Loaded(ImageSet images, List<String> styles, int unlabelled, List<BrokenImage> brokenLabelled) {
    }

    /** The labelled images of one style at {@code size}×{@code size}, using the default cache folder. */
    public static ImageSet load(Path root, Path labelsFile, String style, int size) {
        return assemble(root, labelsFile, style, size, null, true).images();
    }

    /** The labelled images of every style the labels file mentions, using the default cache folder. */
    public static ImageSet loadAll(Path root, Path labelsFile, int size) {
        return assemble(root, labelsFile, null, size, null, true).images();
    }

    /**
     * Reads {@code labelsFile} and joins it with the caches of {@code style} (or, when null, of every
     * style it mentions) under {@code root}.
     *
     * @param cacheDir cache folder, or null for {@code <root>/.emotion-art-cache}
     * @param progress show progress bars while caches are built
     * @throws EmotionArtException if the data root, the labels file or their match is wrong
     */
    public static Loaded assemble(Path root, Path labelsFile, String style, int size, Path cacheDir, boolean progress) {
        WikiArtFolder data = WikiArtFolder.open(root);
        return assemble(data, LabelsFile.read(labelsFile), labelsFile.toString(), style, size, cacheDir, progress);
    }

    /** As above, with rows already read; {@code labelsName} names their source in messages. */
    public static Loaded assemble(WikiArtFolder data, List<LabelledImage> rows, String labelsName, String style,
                                  int size, Path cacheDir, boolean progress) {
        Map<String, Map<String, Emotion>> labels = byStyle(rows, labelsName);
        List<String> styles = stylesToLoad(data, labels, labelsName, style);

        List<StyleCache> caches = new ArrayList<>();
        List<BrokenImage> brokenLabelled = new ArrayList<>();
        long total = 0;
        int unlabelled = 0;
        for (String s : styles) {
            StyleCache cache = StyleCache.load(data, s, size, cacheDir, progress);
            Map<String, Emotion> wanted = labels.get(s);
            checkAllPresent(data, s, cache, wanted);
            for (BrokenImage b : cache.broken()) {
                if (wanted.containsKey(b.path())) {
                    brokenLabelled.add(b);
                }
            }
            int labelled = (int) cache.paths().stream().filter(wanted::containsKey).count();
            unlabelled += cache.count() - labelled;
            total += labelled;
            caches.add(cache);
        }
        if (total == 0) {
            throw new EmotionArtException("none of the " + String.format(Locale.ROOT, "%,d", brokenLabelled.size())
                    + " labelled images of " + describe(styles) + " in " + data.root()
                    + " can be decoded (see 'emotion-art data stats " + data.root() + "')");
        }
        if (total * 3L * size * size > StyleCache.maxArrayBytes()) {
            throw new EmotionArtException(StyleCache.tooLarge(total, size));
        }

        int bpi = 3 * size * size;
        byte[] pixels = new byte[(int) (total * bpi)];
        List<String> paths = new ArrayList<>((int) total);
        Emotion[] emotions = new Emotion[(int) total];
        int n = 0;
        for (StyleCache cache : caches) {
            Map<String, Emotion> wanted = labels.get(cache.style());
            for (int i = 0; i < cache.count(); i++) {
                Emotion e = wanted.get(cache.paths().get(i));
                if (e != null) {
                    cache.copyImage(i, pixels, n * bpi);
                    paths.add(cache.paths().get(i));
                    emotions[n++] = e;
                }
            }
        }
        return new Loaded(new ImageSet(size, pixels, List.copyOf(paths), emotions), styles, unlabelled,
                List.copyOf(brokenLabelled));
    }

    /** style → (path → emotion), rejecting a path labelled twice. */
    private static Map<String, Map<String, Emotion>> byStyle(List<LabelledImage> rows, String labelsName) {
        if (rows.isEmpty()) {
            throw new EmotionArtException(labelsName + ": no labelled images (the file has a header but no rows)");
        }
        Map<String, Map<String, Emotion>> labels = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (LabelledImage row : rows) {
            String path = row.path();
            if (!seen.add(path)) {
                throw new EmotionArtException(labelsName + ": " + path
                        + " is labelled more than once (each image needs exactly one row)");
            }
            labels.computeIfAbsent(row.style(), s -> new LinkedHashMap<>()).put(path, row.emotion());
        }
        return labels;
    }

    private static List<String> stylesToLoad(WikiArtFolder data, Map<String, Map<String, Emotion>> labels,
                                             String labelsName, String style) {
        if (style != null) {
            data.requireStyle(style);
            if (!labels.containsKey(style)) {
                throw new EmotionArtException(labelsName + " has no rows for style '" + style + "' (it labels: "
                        + String.join(", ", labels.keySet()) + ")");
            }
            return List.of(style);
        }
        List<String> missing = labels.keySet().stream().filter(s -> !data.hasStyle(s)).toList();
        if (!missing.isEmpty()) {
            throw new EmotionArtException(labelsName + " names " + (missing.size() == 1 ? "a style" : "styles")
                    + " with no folder in " + data.root() + ": "
                    + missing.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "))
                    + " (styles found: " + String.join(", ", data.styles()) + ")");
        }
        return List.copyOf(labels.keySet());
    }

    /** Every labelled path must be a file of the style folder (readable or broken). */
    private static void checkAllPresent(WikiArtFolder data, String style, StyleCache cache, Map<String, Emotion> wanted) {
        Set<String> present = new HashSet<>(cache.paths());
        cache.broken().forEach(b -> present.add(b.path()));
        List<String> absent = wanted.keySet().stream().filter(p -> !present.contains(p)).toList();
        if (absent.isEmpty()) {
            return;
        }
        String examples = absent.stream().limit(3).collect(Collectors.joining(", "));
        boolean otherFolder = absent.stream().anyMatch(p -> !p.startsWith(style + "/"));
        throw new EmotionArtException(String.format(Locale.ROOT,
                "%,d of %,d labelled images of style '%s' are not in %s, e.g. %s%s", absent.size(), wanted.size(),
                style, data.styleDir(style), examples,
                otherFolder ? " (a labels path is relative to the data root and starts with its style folder, e.g. "
                        + style + "/name.jpg)" : ""));
    }

    private static String describe(List<String> styles) {
        return styles.size() == 1 ? "style '" + styles.get(0) + "'" : styles.size() + " styles";
    }
}
