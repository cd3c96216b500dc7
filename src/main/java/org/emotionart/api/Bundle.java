package org.emotionart.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.emotionart.EmotionArtException;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.bundle.GraphCheck;
import org.emotionart.bundle.SavedModels;
import org.emotionart.model.SessionConfig;
import org.emotionart.util.FileTrees;
import org.emotionart.util.Json;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * A loaded SavedModel with its emotion-art metadata. Accepts a model folder (the highest numeric
 * version inside is used, as TF Serving does) or a version folder.
 */
final class Bundle implements AutoCloseable {
    final Path dir;
    final SavedModelBundle model;
    private volatile BundleMetadata metadata;
    private volatile boolean closed;

    private Bundle(Path dir, SavedModelBundle model) {
        this.dir = dir;
        this.model = model;
    }

    /** The emotion-art metadata, read on first use (generating needs none of it). */
    BundleMetadata metadata() {
        BundleMetadata m = metadata;
        if (m == null) {
            m = metadata = readMetadata(dir);
        }
        return m;
    }

    /** The input or output {@code name} of the bundle's signature {@code signature}. */
    Signature.TensorDescription tensor(String signature, String name, boolean input) {
        Signature sig = model.signatures().stream().filter(s -> s.key().equals(signature)).findFirst()
                .orElseThrow(() -> new BundleException(dir + " has no signature " + signature));
        var map = input ? sig.getInputs() : sig.getOutputs();
        if (!map.containsKey(name)) {
            throw new BundleException(dir + ": signature " + signature + " has no " + (input ? "input " : "output ") + name);
        }
        return map.get(name);
    }

    /** What a bundle is, from its serving signature: generators take seeds, classifiers take image bytes. */
    static String kindOf(SavedModelBundle model) {
        for (Signature s : model.signatures()) {
            if (s.key().equals(Signature.DEFAULT_KEY)) {
                if (s.inputNames().contains("seed") && s.outputNames().contains("images")) {
                    return BundleMetadata.GENERATOR;
                }
                if (s.inputNames().contains("image_bytes") && s.outputNames().contains("probabilities")) {
                    return BundleMetadata.CLASSIFIER;
                }
            }
        }
        return "unknown";
    }

    /** The version folder a path means: itself if it holds saved_model.pb, else its highest version. */
    static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve("saved_model.pb"))) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new BundleException("no bundle at " + path + ": the folder does not exist");
        }
        OptionalLong v = SavedModels.latestVersion(path);
        if (v.isEmpty()) {
            throw new BundleException(path + " is not a bundle: expected saved_model.pb in it or in a numeric "
                    + "version folder (TF Serving layout NAME/1/saved_model.pb)");
        }
        return path.resolve(Long.toString(v.getAsLong()));
    }

    static BundleMetadata readMetadata(Path versionDir) {
        Path file = versionDir.resolve(BundleMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(versionDir + " has no " + BundleMetadata.FILE + ": not an emotion-art bundle");
        }
        BundleMetadata m = Json.read(file, BundleMetadata.class);
        if (m.imageSize() < MIN_IMAGE_SIZE || m.imageSize() > MAX_IMAGE_SIZE) {
            throw new EmotionArtException(file + " is damaged: imageSize " + m.imageSize() + " is outside "
                    + MIN_IMAGE_SIZE + ".." + MAX_IMAGE_SIZE + " (export the bundle again)");
        }
        return m;
    }

    /** The image sizes a bundle's metadata may give (generators paint 16..256 px, classifiers read 64 or 224). */
    static final int MIN_IMAGE_SIZE = 8;
    static final int MAX_IMAGE_SIZE = 1024;

    /**
     * What is missing from a version folder for TensorFlow to load it (empty when nothing is): the
     * graph, or the weights ({@code variables/variables.index} and its data shards), as a copy that left
     * out {@code variables/} would be.
     */
    static java.util.Optional<String> missingPart(Path versionDir) {
        if (!Files.isRegularFile(versionDir.resolve("saved_model.pb"))) {
            return java.util.Optional.of("no saved_model.pb (the graph)");
        }
        Path variables = versionDir.resolve("variables");
        if (!Files.isRegularFile(variables.resolve("variables.index"))) {
            return java.util.Optional.of("no variables/variables.index (the weights)");
        }
        try (var files = Files.list(variables)) {
            if (files.noneMatch(f -> f.getFileName().toString().startsWith("variables.data-"))) {
                return java.util.Optional.of("no variables/variables.data-* (the weights)");
            }
        } catch (IOException e) {
            return java.util.Optional.of("variables/ cannot be read: " + e.getMessage());
        }
        return java.util.Optional.empty();
    }

    static Bundle load(Path path, String expectedKind) {
        Path dir = resolve(path);
        missingPart(dir).ifPresent(missing -> {
            throw new BundleException(dir + " is an incomplete bundle: " + missing
                    + "; copy the whole bundle folder, or export it again");
        });
        // a SavedModel is a program that loading runs: only what emotion-art's exporters write gets that far
        GraphCheck.problem(dir).ifPresent(problem -> {
            throw new BundleException(dir + " is not a bundle emotion-art loads: " + problem + " (a bundle is a "
                    + "program TensorFlow runs; use bundles made by export-gan, train-classifier or import-torch)");
        });
        SavedModelBundle model;
        try {
            model = SavedModelBundle.loader(dir.toString()).withTags(SavedModels.TAG)
                    .withConfigProto(SessionConfig.defaults()).load();
        } catch (RuntimeException e) {
            throw new BundleException("cannot load the SavedModel in " + dir + ": " + e.getMessage(), e);
        }
        String kind = kindOf(model);
        if (!expectedKind.equals(kind)) {
            model.close();
            throw new BundleException(dir + " is a " + kind + " bundle, not a " + expectedKind);
        }
        return new Bundle(dir, model);
    }

    static long size(Path dir) {
        try {
            return FileTrees.size(dir);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Refuses a call on a closed bundle in words, not with TensorFlow's "close() has been called on the Graph". */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the bundle " + dir + " has been closed: load it again to use it");
        }
    }

    @Override
    public void close() {
        closed = true;
        model.close();
    }
}
