package org.emotionart.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emotionart.util.Json;

/**
 * Says in words what a data folder is, for run configs and bundle metadata, so a model trained on the
 * procedural benchmark is called that everywhere. The benchmark generator leaves a
 * {@code dataset.json} marker in its output folder; any other folder is described by its path.
 */
public final class DataDescription {
    public static final String MARKER = "dataset.json";
    public static final String BENCHMARK = "procedural-benchmark";

    private DataDescription() {
    }

    /** Marks {@code dir} as procedural benchmark output made by {@code command}. */
    public static void writeBenchmark(Path dir, String command) throws IOException {
        Json.writeFile(dir.resolve(MARKER), Map.of("kind", BENCHMARK, "generator", command,
                "note", "procedural paintings made by emotion-art's benchmark generator, not WikiArt"));
    }

    public static boolean isBenchmark(Path dir) {
        Path marker = dir.resolve(MARKER);
        return Files.isRegularFile(marker) && BENCHMARK.equals(Json.read(marker, Map.class).get("kind"));
    }

    /** e.g. "procedural benchmark (emotion-art synth --per-class 500 ...), not WikiArt". */
    public static String describe(Path dir, Path labels) {
        Path marker = dir.resolve(MARKER);
        if (isBenchmark(dir)) {
            return "procedural benchmark (" + Json.read(marker, Map.class).get("generator") + "), not WikiArt";
        }
        return "images in " + dir.toAbsolutePath().normalize().getFileName() + " labelled by "
                + labels.getFileName();
    }
}
