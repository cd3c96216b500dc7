package org.emotionart.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.bundle.SavedModels;

/**
 * The library's front door: a folder of bundles in TF Serving's layout ({@code savedmodels/}).
 *
 * <pre>{@code
 * try (EmotionArt art = EmotionArt.open(Path.of("savedmodels"))) {
 *     List<BufferedImage> paintings = art.generator("landscape").generate(Emotion.POSITIVE, 20, 7);
 *     Prediction p = art.classifier().classify(paintings.get(0));
 * }
 * }</pre>
 *
 * Generators are found as {@code generator-<style>/}, the classifier as {@code classifier/}; the
 * highest version of each is used. Bundles load on first use and once; one loaded bundle serves
 * concurrent callers. Closing releases them all.
 */
public final class EmotionArt implements AutoCloseable {
    public static final String GENERATOR_PREFIX = "generator-";
    public static final String CLASSIFIER = "classifier";

    private final Path root;
    private final Map<String, ArtGenerator> generators = new ConcurrentHashMap<>();
    private volatile EmotionClassifier classifier;
    private volatile boolean closed;

    private EmotionArt(Path root) {
        this.root = root;
    }

    /** Opens a savedmodels folder; nothing loads until a model is asked for. */
    public static EmotionArt open(Path savedmodels) {
        if (!Files.isDirectory(savedmodels)) {
            throw new BundleException("models folder not found: " + savedmodels
                    + " (expected savedmodels/ with generator-<style>/<version>/ bundles)");
        }
        return new EmotionArt(savedmodels);
    }

    public Path root() {
        return root;
    }

    /** Styles that have a generator bundle, sorted. */
    public List<String> styles() {
        return SavedModels.modelNames(root).stream().filter(n -> n.startsWith(GENERATOR_PREFIX))
                .map(n -> n.substring(GENERATOR_PREFIX.length())).toList();
    }

    /** The generator of a style, loaded on first use. */
    public ArtGenerator generator(String style) {
        checkOpen();
        if (style == null || !styles().contains(style)) {
            throw new UnknownStyleException(String.valueOf(style), styles(), root.toString());
        }
        return generators.computeIfAbsent(style, s -> ArtGenerator.load(root.resolve(GENERATOR_PREFIX + s)));
    }

    /** The emotion classifier, loaded on first use. */
    public EmotionClassifier classifier() {
        checkOpen();
        EmotionClassifier c = classifier;
        if (c == null) {
            synchronized (this) {
                c = classifier;
                if (c == null) {
                    Path dir = root.resolve(CLASSIFIER);
                    if (!Files.isDirectory(dir)) {
                        throw new BundleException("no classifier in " + root + " (expected " + dir + "/<version>/)");
                    }
                    c = classifier = EmotionClassifier.load(dir);
                }
            }
        }
        return c;
    }

    /** Every bundle of the folder (latest version of each), without loading any. */
    public List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>();
        for (String name : SavedModels.modelNames(root)) {
            Path dir = Bundle.resolve(root.resolve(name));
            String missing = Bundle.missingPart(dir).orElse(null);
            BundleMetadata m;
            try {
                m = Bundle.readMetadata(dir);
            } catch (RuntimeException e) {
                out.add(new ModelInfo(name, SavedModels.versionOf(dir), "unknown", null,
                        "(no emotion-art metadata)", 0, Bundle.size(dir), dir,
                        missing != null ? missing : "no readable " + BundleMetadata.FILE));
                continue;
            }
            String expected = name.startsWith(GENERATOR_PREFIX) ? BundleMetadata.GENERATOR
                    : name.equals(CLASSIFIER) ? BundleMetadata.CLASSIFIER : m.kind();
            if (missing == null && !expected.equals(m.kind())) {
                missing = "a " + m.kind() + " bundle under the name of a " + expected;
            }
            out.add(new ModelInfo(name, SavedModels.versionOf(dir), m.kind(), m.style(),
                    m.trainedOn(), m.steps(), Bundle.size(dir), dir, missing));
        }
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this EmotionArt is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        generators.values().forEach(ArtGenerator::close);
        generators.clear();
        if (classifier != null) {
            classifier.close();
            classifier = null;
        }
    }
}
