package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-gan from the command line on a tiny benchmark: it trains, exports, and refuses bad input clearly. */
class TrainGanCommandTest {
    @TempDir
    static Path dir;
    static String data;

    @BeforeAll
    static void tinyBenchmark() {
        CliRun r = CliRun.of("synth", "--out", dir.resolve("bench").toString(), "--per-class", "4", "--size", "32",
                "--styles", "landscape,portrait");
        assertEquals(0, r.exit(), r.err());
        data = dir.resolve("bench").toString();
    }

    static String[] tiny(String... more) {
        String[] base = {"train-gan", "--data", data, "--size", "32", "--g-width", "4", "--d-width", "4", "--z", "8",
                "--batch", "4", "--sample-every", "2", "--checkpoint-every", "2"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void trainsAndExportsABundleThatSaysItCameFromTheBenchmark() throws Exception {
        Path run = dir.resolve("run-ok");
        Path model = dir.resolve("models/generator-landscape");
        CliRun r = CliRun.of(tiny("--style", "landscape", "--steps", "3", "--out", run.toString(), "--export",
                model.toString()));
        assertEquals(0, r.exit(), r.err());
        String meta = Files.readString(model.resolve("1/assets.extra/emotion-art.json"));
        assertTrue(meta.contains("procedural benchmark (emotion-art synth --per-class 4 --size 32"), meta);
        assertTrue(meta.contains("not WikiArt"), meta);
        // resuming a finished run exports nothing new
        CliRun again = CliRun.of(tiny("--style", "landscape", "--steps", "3", "--out", run.toString(), "--export",
                model.toString(), "--resume"));
        assertEquals(0, again.exit(), again.err());
        assertTrue(Files.notExists(model.resolve("2")));
    }

    @Test
    void evalEveryMeasuresQualityAndExportGanBestPicksByItsRule() throws Exception {
        CliRun held = CliRun.of("synth", "--out", dir.resolve("heldout").toString(), "--per-class", "8", "--size", "32",
                "--styles", "landscape", "--seed", "1");
        assertEquals(0, held.exit(), held.err());
        Path run = dir.resolve("run-quality");
        CliRun r = CliRun.of(tiny("--style", "landscape", "--steps", "4", "--out", run.toString(), "--ema", "0.999",
                "--eval-every", "2", "--eval-data", dir.resolve("heldout").toString(), "--eval-per-emotion", "4"));
        assertEquals(0, r.exit(), r.err());
        java.util.List<String> rows = Files.readAllLines(run.resolve("quality.csv"));
        assertEquals("step,fd,fd_real_vs_real,fd_ratio,precision,recall,adherence", rows.get(0));
        assertEquals(java.util.List.of("2", "4"), rows.subList(1, rows.size()).stream().map(l -> l.split(",")[0]).toList());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(Double.parseDouble(f[1]) / Double.parseDouble(f[2]), Double.parseDouble(f[3]), 1e-3, row);
        }
        assertTrue(Files.size(run.resolve("quality.png")) > 0);

        // the rule: lowest FD ratio among steps with >= 90 % adherence, else the highest adherence
        Files.writeString(run.resolve("quality.csv"), rows.get(0) + "\n2,1.0,0.5,2.0,0.5,0.5,0.95\n"
                + "4,3.0,0.5,6.0,0.5,0.5,0.99\n");
        CliRun best = CliRun.of("export-gan", run.toString(), "--out", dir.resolve("m-best").toString(), "--best");
        assertEquals(0, best.exit(), best.err());
        assertTrue(best.out().startsWith("best measured step: 2 "), best.out());
        String meta = Files.readString(dir.resolve("m-best/1/assets.extra/emotion-art.json"));
        assertTrue(meta.contains("\"steps\" : 2"), meta);
        assertTrue(meta.contains("exponential moving average, decay 0.999"), meta);

        CliRun both = CliRun.of("export-gan", run.toString(), "--out", dir.resolve("m2").toString(), "--best",
                "--step", "2");
        assertEquals(2, both.exit());
        assertTrue(both.err().startsWith("emotion-art export-gan: --best and --step are alternatives"), both.err());
        CliRun noData = CliRun.of(tiny("--style", "landscape", "--steps", "2", "--out", dir.resolve("r9").toString(),
                "--eval-every", "2"));
        assertEquals(2, noData.exit());
        assertTrue(noData.err().contains("--eval-every needs --eval-data DIR"), noData.err());
        CliRun badEma = CliRun.of(tiny("--style", "landscape", "--steps", "2", "--out", dir.resolve("r10").toString(),
                "--ema", "0.5"));
        assertEquals(2, badEma.exit());
        assertTrue(badEma.err().contains("--ema 0.5 is out of range: allowed 0 (none) or 0.9 <= DECAY < 1"), badEma.err());
        CliRun lateDecay = CliRun.of(tiny("--style", "landscape", "--steps", "4", "--out", dir.resolve("r11").toString(),
                "--lr-decay-from", "4"));
        assertEquals(2, lateDecay.exit());
        assertTrue(lateDecay.err().contains("--lr-decay-from 4 is not before the last step (4): allowed 0 (no decay) "
                + "or 1..3"), lateDecay.err());
        assertTrue(!Files.exists(dir.resolve("r11")), "nothing written for a refused run");
        CliRun badTerm = CliRun.of(tiny("--style", "landscape", "--steps", "2", "--out", dir.resolve("r12").toString(),
                "--mode-seeking", "-1"));
        assertEquals(2, badTerm.exit());
        assertTrue(badTerm.err().contains("--mode-seeking -1.0 is out of range: allowed 0 (none) to 100, e.g. 0.1"),
                badTerm.err());
    }

    @Test
    void everySettingsFileInTrainingParses() throws Exception {
        List<Path> files;
        try (var all = Files.list(Path.of("training"))) {
            files = all.filter(f -> f.getFileName().toString().matches("gan.*\\.args")).sorted().toList();
        }
        assertTrue(files.size() >= 8, files.toString());
        for (Path f : files) {
            // every option of the file is known: the run gets as far as looking for its data
            CliRun r = CliRun.of("train-gan", "@" + f, "--style", "landscape", "--data",
                    dir.resolve("no-data").toString(), "--out", dir.resolve("settings-" + f.getFileName()).toString());
            assertEquals(2, r.exit(), f + ": " + r.err());
            assertTrue(r.err().contains("is not a folder"), f + ": " + r.err());
        }
    }

    @Test
    void badInputGivesOneClearLine() throws Exception {
        CliRun style = CliRun.of(tiny("--style", "cubism", "--steps", "1", "--out", dir.resolve("r1").toString()));
        assertEquals(1, style.exit());
        assertTrue(style.err().contains("no folder for style 'cubism' in "), style.err());
        assertTrue(style.err().contains("(styles found: landscape"), style.err());
        CliRun noData = CliRun.of("train-gan", "--data", dir.resolve("missing").toString(), "--style", "landscape",
                "--out", dir.resolve("r2").toString());
        assertEquals(2, noData.exit());
        assertTrue(noData.err().contains("is not a folder"), noData.err());
        CliRun batch = CliRun.of(tiny("--style", "landscape", "--steps", "1", "--out", dir.resolve("r3").toString(),
                "--batch", "64"));
        assertEquals(1, batch.exit());
        assertTrue(batch.err().contains("batch 64 is larger than the data (12 images"), batch.err());
        Path labels = dir.resolve("other-labels.csv");
        Files.writeString(labels, "path,style,emotion\nlandscape/nope.png,landscape,positive\n");
        CliRun mismatch = CliRun.of(tiny("--style", "landscape", "--steps", "1", "--labels", labels.toString(),
                "--out", dir.resolve("r4").toString()));
        assertEquals(1, mismatch.exit());
        assertTrue(mismatch.err().contains("nope.png"), mismatch.err());
        Path badEmotion = dir.resolve("bad-emotion.csv");
        Files.writeString(badEmotion, "path,style,emotion\nlandscape/landscape-negative-00001.png,landscape,happy\n");
        CliRun emotion = CliRun.of(tiny("--style", "landscape", "--steps", "1", "--labels", badEmotion.toString(),
                "--out", dir.resolve("r5").toString()));
        assertEquals(1, emotion.exit());
        assertTrue(emotion.err().contains("unknown emotion 'happy': allowed negative, neutral, positive"), emotion.err());
        for (CliRun r : new CliRun[] {style, noData, batch, mismatch, emotion}) {
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void anotherArchitectureInTheRunFolderIsRefusedAndItsCheckpointKept() throws Exception {
        Path run = dir.resolve("run-arch");
        assertEquals(0, CliRun.of(tiny("--style", "portrait", "--steps", "2", "--out", run.toString())).exit());
        CliRun wider = CliRun.of(tiny("--style", "portrait", "--steps", "4", "--out", run.toString(), "--resume",
                "--g-width", "8"));
        assertEquals(1, wider.exit());
        assertTrue(wider.err().contains("another architecture"), wider.err());
        assertTrue(Files.exists(run.resolve("checkpoints/step-00000002/state.json")), "no lost work");
        CliRun fresh = CliRun.of(tiny("--style", "portrait", "--steps", "4", "--out", run.toString()));
        assertEquals(1, fresh.exit());
        assertTrue(fresh.err().contains("pass --resume"), fresh.err());
    }
}
