package org.emotionart.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.emotionart.EmotionArtException;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.FileTrees;
import org.emotionart.util.Json;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;

/**
 * The TF Serving layout: {@code savedmodels/<name>/<version>/saved_model.pb} with tag {@code serve},
 * plus {@code savedmodels/models.config} naming every bundle so one {@code tensorflow_model_server
 * --model_config_file=...} serves them all.
 */
public final class SavedModels {
    public static final String TAG = "serve";
    public static final String MODELS_CONFIG = "models.config";

    private SavedModels() {
    }

    /** The version a version folder's name gives: digits that fit a long; -1 for any other name. */
    public static long versionOf(Path versionDir) {
        String name = versionDir.getFileName().toString();
        return name.matches("\\d{1,18}") ? Long.parseLong(name) : -1;
    }

    /** Highest numeric version folder of a model, if any. */
    public static OptionalLong latestVersion(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(p -> versionOf(p) >= 0 && Files.exists(p.resolve("saved_model.pb")))
                    .mapToLong(SavedModels::versionOf).max();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Exports the session's functions as {@code modelDir/<version>} (next free version when
     * {@code version} is empty) with {@code metadata}, atomically: written to a hidden folder, then renamed.
     */
    public static Path export(Path modelDir, Optional<Long> version, Session session, List<SessionFunction> functions,
                              BundleMetadata metadata) throws IOException {
        long v = version.orElseGet(() -> latestVersion(modelDir).orElse(0) + 1);
        if (v < 1) {
            throw new EmotionArtException("a bundle version must be a positive integer, was " + v);
        }
        Files.createDirectories(modelDir);
        Path target = modelDir.resolve(Long.toString(v));
        Path tmp = FileTrees.createHiddenFolder(modelDir, ".export-");
        try {
            Files.delete(tmp); // the exporter creates it
            SavedModelBundle.exporter(tmp.toString()).withTags(TAG)
                    .withFunctions(functions.toArray(SessionFunction[]::new)).export();
            Json.writeFile(tmp.resolve(BundleMetadata.FILE), metadata);
            // an existing version of that number is moved aside first and put back if the new one cannot
            // take its place: a failed re-export never loses the old bundle
            Path aside = Files.exists(target) ? modelDir.resolve(".replaced-" + v + "-" + System.nanoTime()) : null;
            if (aside != null) {
                AtomicFiles.moveAtomically(target, aside);
            }
            try {
                AtomicFiles.moveAtomically(tmp, target);
            } catch (IOException | RuntimeException e) {
                if (aside != null) {
                    AtomicFiles.moveAtomically(aside, target);
                }
                throw e;
            }
            if (aside != null) {
                FileTrees.delete(aside);
            }
        } catch (IOException | RuntimeException e) {
            String why = org.emotionart.util.IoErrors.diskFull(e) ? "the disk is full"
                    : e instanceof IOException io ? org.emotionart.util.IoErrors.describe(io)
                    : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new EmotionArtException("cannot write the bundle " + target + ": " + why
                    + " (nothing was left half-written)", e);
        } finally {
            if (Files.exists(tmp)) {
                FileTrees.delete(tmp);
            }
        }
        Path root = modelDir.toAbsolutePath().getParent();
        if (root != null) {
            writeModelsConfig(root);
        }
        return target;
    }

    /**
     * The latest version of {@code modelDir} when it already holds this export (same source, data and
     * steps): exporting the same checkpoint again then adds no new version.
     */
    public static Optional<Path> sameExport(Path modelDir, BundleMetadata metadata) {
        OptionalLong latest = latestVersion(modelDir);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Path dir = modelDir.resolve(Long.toString(latest.getAsLong()));
        Path file = dir.resolve(BundleMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        BundleMetadata old = Json.read(file, BundleMetadata.class);
        metadata = Json.read(Json.write(metadata), BundleMetadata.class); // numbers as JSON reads them
        boolean same = old.steps() == metadata.steps() && java.util.Objects.equals(old.source(), metadata.source())
                && java.util.Objects.equals(old.trainedOn(), metadata.trainedOn())
                && java.util.Objects.equals(old.architecture(), metadata.architecture());
        return same ? Optional.of(dir) : Optional.empty();
    }

    /** Bundle names under a savedmodels root: folders holding at least one numeric version. */
    public static List<String> modelNames(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> latestVersion(p).isPresent())
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * (Re)writes {@code root/models.config} (TF Serving's model_config_list, text protobuf) naming
     * every bundle. Base paths are relative to where the server is started (the repository root for
     * our README's command), as {@code /models/<name>} in the Docker image.
     */
    public static void writeModelsConfig(Path root) throws IOException {
        List<String> names = modelNames(root);
        if (names.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("# TF Serving model config: serves every bundle of this folder.");
        lines.add("# tensorflow_model_server --rest_api_port=8501 --model_config_file=/models/models.config");
        lines.add("# (with this folder mounted at /models; written by emotion-art, do not edit by hand)");
        lines.add("model_config_list {");
        for (String n : names) {
            lines.add("  config {");
            lines.add("    name: \"" + n + "\"");
            lines.add("    base_path: \"/models/" + n + "\"");
            lines.add("    model_platform: \"tensorflow\"");
            lines.add("  }");
        }
        lines.add("}");
        AtomicFiles.writeString(root.resolve(MODELS_CONFIG), String.join("\n", lines) + "\n");
    }
}
