package org.emotionart.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.emotionart.Emotion;
import org.emotionart.cli.Main;
import org.emotionart.data.LabelledImage;
import org.emotionart.data.LabelsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthBenchmarkTest {
    @TempDir
    Path tmp;

    private static SynthBenchmark.Options options(Path out, int perClass, List<Style> styles, int threads) {
        return new SynthBenchmark.Options(out, perClass, 64, 7, styles, threads, false);
    }

    @Test
    void sameOptionsGiveByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        List<Style> styles = List.of(Style.values());
        SynthBenchmark.generate(options(tmp.resolve("a"), 3, styles, 2));
        SynthBenchmark.generate(options(tmp.resolve("b"), 3, styles, 1));
        List<Path> a = files(tmp.resolve("a"));
        List<Path> b = files(tmp.resolve("b"));
        assertEquals(a.stream().map(p -> tmp.resolve("a").relativize(p)).toList(),
                b.stream().map(p -> tmp.resolve("b").relativize(p)).toList());
        assertEquals(4 * 3 * 3 + 3, a.size(), "36 images, labels, contact sheet and the dataset.json marker");
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
        }
    }

    @Test
    void seedAndIndexChangeTheImage() {
        byte[] one = SynthBenchmark.png(PaintingRenderer.render(0, Style.LANDSCAPE, Emotion.POSITIVE, 1, 64));
        byte[] again = SynthBenchmark.png(PaintingRenderer.render(0, Style.LANDSCAPE, Emotion.POSITIVE, 1, 64));
        byte[] next = SynthBenchmark.png(PaintingRenderer.render(0, Style.LANDSCAPE, Emotion.POSITIVE, 2, 64));
        byte[] otherSeed = SynthBenchmark.png(PaintingRenderer.render(1, Style.LANDSCAPE, Emotion.POSITIVE, 1, 64));
        assertArrayEquals(one, again);
        assertFalse(java.util.Arrays.equals(one, next));
        assertFalse(java.util.Arrays.equals(one, otherSeed));
    }

    @Test
    void labelsListEveryImageOnceWithItsStyleAndEmotion() throws IOException {
        Path out = tmp.resolve("set");
        List<Style> styles = List.of(Style.PORTRAIT, Style.ABSTRACT);
        SynthBenchmark.Result r = SynthBenchmark.generate(options(out, 4, styles, 2));
        assertEquals(24, r.images());
        List<LabelledImage> rows = LabelsFile.read(out.resolve(SynthBenchmark.LABELS));
        assertEquals(24, rows.size());
        Map<String, Map<Emotion, Integer>> counts = new HashMap<>();
        for (LabelledImage row : rows) {
            counts.computeIfAbsent(row.style(), k -> new EnumMap<>(Emotion.class)).merge(row.emotion(), 1, Integer::sum);
            assertTrue(row.path().matches(row.style() + "/" + row.style() + "-" + row.emotion().label() + "-\\d{5}\\.png"),
                    row.path());
            Path file = out.resolve(row.path());
            assertTrue(Files.isRegularFile(file), row.path());
            BufferedImage img = ImageIO.read(file.toFile());
            assertEquals(64, img.getWidth());
            assertEquals(64, img.getHeight());
        }
        assertEquals(2, counts.size());
        for (Map<Emotion, Integer> perEmotion : counts.values()) {
            for (Emotion e : Emotion.values()) {
                assertEquals(4, perEmotion.get(e));
            }
        }
        assertEquals("portrait/portrait-negative-00001.png", rows.get(0).path());
        assertTrue(Files.isRegularFile(out.resolve(SynthBenchmark.CONTACT_SHEET)));
        assertFalse(Files.exists(out.resolve("landscape")));
    }

    @Test
    void commandWritesTheSetAndPrintsTheSummary() {
        Path out = tmp.resolve("cli");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int rc = run(stdout, stderr, "synth", "--out", out.toString(), "--per-class", "2", "--size", "32",
                "--seed", "3", "--styles", "landscape,flower-painting");
        assertEquals(0, rc, stderr.toString());
        assertEquals(12, LabelsFile.read(out.resolve("labels.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("flower-painting/flower-painting-positive-00002.png")));
        String text = stdout.toString();
        assertTrue(text.contains("wrote 12 images"), text);
        assertTrue(text.contains("img/s"), text);
        assertTrue(text.contains("best single statistic overall"), text);
        for (GlobalStatisticBaseline.Statistic s : GlobalStatisticBaseline.Statistic.values()) {
            assertTrue(text.contains(s.label()), text);
        }
    }

    @Test
    void unknownStyleIsAUsageErrorListingTheAllowedStyles() {
        StringWriter stderr = new StringWriter();
        int rc = run(new StringWriter(), stderr, "synth", "--out", tmp.resolve("x").toString(), "--per-class", "2",
                "--styles", "landscape,cubism");
        assertEquals(2, rc);
        String err = stderr.toString();
        assertTrue(err.contains("cubism"), err);
        assertTrue(err.contains("abstract, flower-painting, landscape, portrait"), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void badCountsAndSizesAreUsageErrors() {
        String out = tmp.resolve("y").toString();
        StringWriter stderr = new StringWriter();
        assertEquals(2, run(new StringWriter(), stderr, "synth", "--out", out, "--per-class", "0"));
        assertTrue(stderr.toString().contains("--per-class"), stderr.toString());
        stderr = new StringWriter();
        assertEquals(2, run(new StringWriter(), stderr, "synth", "--out", out, "--per-class", "1", "--size", "16"));
        assertTrue(stderr.toString().contains("32..256"), stderr.toString());
        assertEquals(2, run(new StringWriter(), new StringWriter(), "synth", "--out", out, "--per-class", "1",
                "--size", "257"));
        assertEquals(2, run(new StringWriter(), new StringWriter(), "synth", "--per-class", "1"));
        assertFalse(Files.exists(tmp.resolve("y")));
    }

    @Test
    void anOutThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "mine");
        StringWriter stderr = new StringWriter();
        assertEquals(2, run(new StringWriter(), stderr, "synth", "--out", file.toString(), "--per-class", "1"));
        assertEquals("emotion-art synth: --out " + file + " is a file, not a folder: give a folder to write into -- see "
                + "'emotion-art synth --help'", stderr.toString().strip());
        assertEquals("mine", Files.readString(file));
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }
}
