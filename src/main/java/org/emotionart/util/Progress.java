package org.emotionart.util;

import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One look for every long job: a progress bar on stderr with count, rate and ETA. On a terminal it
 * redraws in place twice a second; where there is none (no {@link System#console()}: input or output
 * redirected, as under nohup or in CI) it writes one
 * whole line every {@link #LOG_INTERVAL_MILLIS} and at the end, instead of a redraw with a carriage
 * return every half second (a 54-minute training run left 6,480 of them in one line of its log).
 */
public final class Progress {
    /** How often a bar writes a line when it is not on a terminal. */
    static final int LOG_INTERVAL_MILLIS = 10_000;
    private static final int WIDTH = 110;

    private Progress() {
    }

    /**
     * A bar for {@code total} items of {@code unit} (e.g. "img", "step"). Close it (try-with-resources)
     * when done. {@code ProgressBar.setExtraMessage} can carry losses and the like.
     */
    public static ProgressBar bar(String task, long total, String unit) {
        return System.console() != null ? bar(task, total, unit, null) : bar(task, total, unit, System.err::println);
    }

    /** A bar that redraws on the console ({@code lines} null) or hands whole lines to {@code lines}. */
    static ProgressBar bar(String task, long total, String unit, Consumer<String> lines) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setSpeedUnit(ChronoUnit.SECONDS)
                .showSpeed()
                .setMaxRenderedLength(WIDTH);
        if (lines == null) {
            return b.setUpdateIntervalMillis(500).build();
        }
        String[] last = {null};
        Consumer<String> changed = line -> { // the bar renders once more on close: one line for the end
            if (!line.equals(last[0])) {
                last[0] = line;
                lines.accept(line);
            }
        };
        return b.setUpdateIntervalMillis(LOG_INTERVAL_MILLIS).setConsumer(new DelegatingProgressBarConsumer(changed, WIDTH)).build();
    }
}
