package org.emotionart.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
        Map<String, String> marker = new java.util.LinkedHashMap<>(); // in this order on every run
        marker.put("kind", BENCHMARK);
        marker.put("generator", command);
        marker.put("note", "procedural paintings made by emotion-art's benchmark generator, not WikiArt");
        Json.writeFile(dir.resolve(MARKER), marker);
    }

    /** The command that wrote the benchmark in {@code dir}, if it holds one. */
    public static Optional<String> benchmarkCommand(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Map<?, ?> m = Json.read(marker, Map.class);
        return BENCHMARK.equals(m.get("kind")) ? Optional.of(String.valueOf(m.get("generator"))) : Optional.empty();
    }

    /** e.g. "procedural benchmark (emotion-art synth --per-class 500 ...), not WikiArt". */
    public static String describe(Path dir, Path labels) {
        Optional<String> benchmark = benchmarkCommand(dir);
        if (benchmark.isPresent()) {
            return "procedural benchmark (" + benchmark.get() + "), not WikiArt";
        }
        return "images in " + dir.toAbsolutePath().normalize().getFileName() + " labelled by "
                + labels.getFileName();
    }
}
