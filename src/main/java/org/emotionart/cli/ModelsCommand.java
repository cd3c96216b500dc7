package org.emotionart.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emotionart.api.EmotionArt;
import org.emotionart.api.ModelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code emotion-art models}: the bundles of a savedmodels folder. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the bundles found: name, version, kind, style, training data, steps and size.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--models", defaultValue = "${sys:emotionart.models:-savedmodels}", paramLabel = "DIR",
            description = "Bundles folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @Override
    public Integer call() {
        try (EmotionArt art = EmotionArt.open(models)) {
            var list = art.models();
            if (list.isEmpty()) {
                out().println("no bundles in " + models);
                return 0;
            }
            out().printf(Locale.ROOT, "%-28s %7s %-10s %-16s %8s %9s  %s%n", "NAME", "VERSION", "KIND", "STYLE",
                    "STEPS", "SIZE", "TRAINED ON");
            long total = 0;
            int broken = 0;
            for (ModelInfo m : list) {
                out().printf(Locale.ROOT, "%-28s %7d %-10s %-16s %8d %9s  %s%n", m.name(), m.version(), m.kind(),
                        m.style() == null ? "-" : m.style(), m.steps(), megabytes(m.bytes()),
                        m.usable() ? m.trainedOn() : "BROKEN: " + m.problem());
                total += m.bytes();
                broken += m.usable() ? 0 : 1;
            }
            out().printf(Locale.ROOT, "%d bundles, %s in all%n", list.size(), megabytes(total));
            if (broken > 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "emotion-art models: %d of %d bundles cannot be "
                        + "loaded (marked BROKEN)%n", broken, list.size());
                return 1;
            }
        }
        return 0;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
