package org.emotionart.util;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One look for every long job: a progress bar on stderr with count, rate and ETA. */
public final class Progress {
    private Progress() {
    }

    /**
     * A bar for {@code total} items of {@code unit} (e.g. "img", "step"). Close it (try-with-resources)
     * when done. {@code ProgressBar.setExtraMessage} can carry losses and the like.
     */
    public static ProgressBar bar(String task, long total, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setSpeedUnit(ChronoUnit.SECONDS)
                .showSpeed()
                .setMaxRenderedLength(110)
                .build();
    }
}
