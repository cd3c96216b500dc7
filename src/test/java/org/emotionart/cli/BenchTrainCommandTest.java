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
                "--mode-seeking", "0.1", "--r1", "0.5", "--g-cbn", "--g-rgb-conv");
        assertEquals(0, r.exit(), r.err());
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("mode=train batch=4 steps=2 img_per_s="), last);
        for (String field : new String[] {"conditioning=projection", "diffaugment=true", "ema=0.999", "mode_seeking=0.1", "r1=0.5", "g_upsample=resize", "g_cbn=true", "g_rgb_conv=true", "data=random",
                "peak_gflop_per_s=", "peak_pct=", "img_per_s_mean="}) {
            assertTrue(last.contains(field), field + " in " + last);
        }
        CliRun spread = CliRun.of("bench", "train", "--g-width", "2", "--d-width", "2", "--batch", "4", "--steps", "1",
                "--warmup", "0", "--d-minibatch-std");
        assertEquals(0, spread.exit(), spread.err());
        assertTrue(spread.out().contains("d_minibatch_std=true"), spread.out());
        CliRun both = CliRun.of("bench", "train", "--conditioning", "projection", "--r1", "1", "--d-minibatch-std");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--r1 and --d-minibatch-std do not go together"), both.err());
        CliRun bad = CliRun.of("bench", "train", "--data", "work", "--steps", "1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--data and --style go together"), bad.err());
    }

    @Test
    void traceOpsListsTheLongestOpTypesWithTheConvolutionsShare() {
        CliRun r = CliRun.of("bench", "train", "--g-width", "2", "--d-width", "2", "--batch", "4", "--steps", "1",
                "--warmup", "0", "--trace-ops", "3");
        assertEquals(0, r.exit(), r.err());
        java.util.List<String> lines = r.out().lines().toList();
        int head = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("op types by time, over 3 traced steps: ")) {
                head = i;
            }
        }
        assertTrue(head >= 0, r.out());
        java.util.regex.Matcher share = java.util.regex.Pattern
                .compile(".*; convolutions and matrix products (\\d+\\.\\d)% of op time").matcher(lines.get(head));
        assertTrue(share.matches(), lines.get(head));
        // a GAN step's convolutions (TF's or as matrix products) were traced and counted; at these tiny widths
        // whether they are among the 3 longest op types is a matter of timing (batch norm can win), so not asserted
        assertTrue(Double.parseDouble(share.group(1)) > 0, lines.get(head));
        java.util.List<String> rows = lines.subList(head + 1, head + 4);
        double last = Double.MAX_VALUE;
        for (String row : rows) { // "  TYPE   12.34 ms   20.9%  (18 ops)", longest first
            assertTrue(row.matches("  \\S+ +\\d+\\.\\d\\d ms +\\d+\\.\\d% +\\(\\d+ ops\\)"), row);
            double ms = Double.parseDouble(row.trim().split(" +")[1]);
            assertTrue(ms <= last, "longest first: " + rows);
            last = ms;
        }
        assertTrue(lines.get(head + 4).startsWith("mode=train "), "the result line stays last");
        CliRun bad = CliRun.of("bench", "train", "--trace-ops", "-1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--trace-ops"), bad.err());
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

    @Test
    void resizeLayersCountTheWorkOfTheirPolyphaseFormAsATransposedConvolutionDoes() {
        GanSpec deconv = new GanSpec(64, 100, 16, 16);
        GanSpec resize = deconv.withUpsampling(GanSpec.Upsampling.RESIZE);
        // Layers.upsampleConv: 2×2 taps per output pixel, 16 per input pixel, as a 4×4 stride-2 transposed conv
        assertEquals(TrainingFlops.generatorForward(deconv), TrainingFlops.generatorForward(resize), 1e-6);
    }

    @Test
    void theFullResolutionLayerBeforeTheColoursCountsItsHiddenChannelsAndItsThreeByThreeConvolution() {
        GanSpec resize = new GanSpec(64, 100, 16, 16, GanSpec.Upsampling.RESIZE);
        // the last doubling paints 8 channels instead of 3 (16 taps per 32x32 input pixel, from 16 channels),
        // then a 3x3 convolution paints 3 colours from 8 channels at 64x64
        double lastDoubling = 2.0 * 16 * 16 * 32 * 32;
        double added = lastDoubling * (8 - 3) + 2.0 * 9 * 8 * 3 * 64 * 64;
        assertEquals(TrainingFlops.generatorForward(resize) + added,
                TrainingFlops.generatorForward(resize.withRgbConv(true)), 1e-6);
    }
}
