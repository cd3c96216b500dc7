package org.emotionart.util;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** Away from a terminal a bar writes whole lines (no carriage returns) and ends on the finished count. */
    @Test
    void awayFromATerminalABarWritesWholeLinesEndingWithTheFinalCount() {
        List<String> lines = new ArrayList<>();
        try (ProgressBar bar = Progress.bar("train landscape", 200, "img", lines::add)) {
            for (int i = 0; i < 200; i++) bar.step();
        }
        assertFalse(lines.isEmpty());
        for (String l : lines) assertFalse(l.contains("\r"), l);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("train landscape 100%") && last.contains("200/200 img"), last);
        assertTrue(lines.stream().filter(l -> l.contains(" 100% ")).count() == 1, "the end once: " + lines);
        assertTrue(lines.size() <= 3, "a line per " + Progress.LOG_INTERVAL_MILLIS + " ms and the last, not one per step: " + lines);
    }
}
