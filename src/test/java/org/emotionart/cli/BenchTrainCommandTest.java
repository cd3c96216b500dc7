package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emotionart.model.GanSpec;
import org.emotionart.train.Conditioning;
import org.emotionart.train.TrainingFlops;
import org.junit.jupiter.api.Test;

/** bench train at train-gan's settings, with its share of the peak measured in the same run. */
class BenchTrainCommandTest {
    @Test
    void timesTheShippedSettingsAndQuotesThePeakItMeasured() {
        CliRun r = CliRun.of("bench", "train", "--g-width", "2", "--d-width", "2", "--batch", "4", "--steps", "2",
                "--warmup", "0", "--diffaugment", "--ema", "0.999", "--conditioning", "projection", "--g-upsample", "resize",
                "--mode-seeking", "0.1");
        assertEquals(0, r.exit(), r.err());
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("mode=train batch=4 steps=2 img_per_s="), last);
        for (String field : new String[] {"conditioning=projection", "diffaugment=true", "ema=0.999", "mode_seeking=0.1", "g_upsample=resize", "data=random",
                "peak_gflop_per_s=", "peak_pct=", "img_per_s_mean="}) {
            assertTrue(last.contains(field), field + " in " + last);
        }
        CliRun bad = CliRun.of("bench", "train", "--data", "work", "--steps", "1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--data and --style go together"), bad.err());
    }

    @Test
    void anUnknownConditioningIsAUsageErrorNamingTheWords() {
        CliRun train = CliRun.of("train-gan", "--data", "nowhere", "--style", "s", "--out", "nowhere",
                "--conditioning", "x");
        CliRun bench = CliRun.of("bench", "train", "--conditioning", "x");
        for (CliRun r : new CliRun[] {train, bench}) {
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(": unknown --conditioning 'x': allowed concat, projection -- see '"), r.err());
        }
    }

    @Test
    void aStepIsThreeGeneratorAndEightDiscriminatorPasses() {
        GanSpec original = GanSpec.original();
        assertEquals(0.2093, TrainingFlops.generatorForward(original) / 1e9, 1e-4, "the note's 0.2 GFLOP per image");
        assertEquals(2.339, TrainingFlops.perImage(original, Conditioning.CONCAT) / 1e9, 1e-3);
        // width enters twice (channels in and out): a quarter of the width, about a sixteenth of the work
        double ratio = TrainingFlops.perImage(original, Conditioning.CONCAT)
                / TrainingFlops.perImage(new GanSpec(64, 100, 16, 16), Conditioning.CONCAT);
        assertTrue(ratio > 12 && ratio < 16, "ratio " + ratio);
    }
}
