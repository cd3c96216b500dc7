package org.emotionart.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable last line of a benchmark: {@code mode=.. batch=.. steps=.. img_per_s=..
 * ms_per_step=.. ms_min=.. ms_max=..} (from the median, minimum and maximum step time), then the
 * extras sorted by name, then {@code cores=..}.
 */
public final class ResultLine {
    private ResultLine() {
    }

    /** The line for steps of {@code batch} images that took {@code ms} milliseconds each. */
    public static String of(String mode, int batch, double[] ms, Map<String, Object> extra) {
        double median = Stats.median(ms);
        List<String> parts = new ArrayList<>();
        parts.add("mode=" + mode);
        parts.add("batch=" + batch);
        parts.add("steps=" + ms.length);
        parts.add(String.format(Locale.ROOT, "img_per_s=%.2f", batch * 1000.0 / median));
        parts.add(String.format(Locale.ROOT, "ms_per_step=%.2f", median));
        parts.add(String.format(Locale.ROOT, "ms_min=%.2f", Stats.min(ms)));
        parts.add(String.format(Locale.ROOT, "ms_max=%.2f", Stats.max(ms)));
        extra.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        parts.add("cores=" + Runtime.getRuntime().availableProcessors());
        return String.join(" ", parts);
    }
}
