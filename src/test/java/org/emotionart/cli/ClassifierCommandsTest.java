package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.emotionart.Emotion;
import org.emotionart.TinyModels;
import org.emotionart.data.Datasets;
import org.emotionart.data.LabelledImage;
import org.emotionart.data.LabelsFile;
import org.emotionart.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** classify, label, evaluate and bench classify: output, files, resumption and exit codes. */
class ClassifierCommandsTest {
    @TempDir
    static Path shared;
    static Path classifier;
    static Path generator;

    @TempDir
    Path dir;

    @BeforeAll
    static void bundles() throws Exception {
        classifier = TinyModels.classifierBundle(shared);
        generator = TinyModels.generatorBundle(shared, "tiny");
    }



    static Path image(Path file, Color colour, int w, int h) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.setColor(colour.darker());
        g.fillOval(w / 4, h / 4, w / 2, h / 3);
        g.dispose();
        ImageIO.write(img, file.toString().endsWith(".png") ? "png" : "jpeg", file.toFile());
        return file;
    }

    /** abstract: 3 images; landscape: 4 images, a broken .jpg and a non-image name (ignored). */
    Path wikiart() throws Exception {
        Path root = dir.resolve("wikiart");
        image(root.resolve("abstract/a1.png"), new Color(210, 100, 100), 40, 30);
        image(root.resolve("abstract/a2.jpg"), new Color(100, 100, 110), 30, 40);
        image(root.resolve("abstract/a3.png"), new Color(100, 210, 100), 36, 36);
        image(root.resolve("landscape/l1.jpg"), new Color(220, 90, 90), 48, 32);
        image(root.resolve("landscape/l2.png"), new Color(90, 220, 90), 32, 32);
        Files.writeString(root.resolve("landscape/l3-broken.jpg"), "not a picture");
        image(root.resolve("landscape/l4.png"), new Color(110, 110, 100), 32, 48);
        image(root.resolve("landscape/l5.jpg"), new Color(95, 200, 95), 50, 50);
        Files.writeString(root.resolve("landscape/notes.txt"), "not an image name, not listed");
        return root;
    }

    // ------------------------------------------------------------------ classify

    @Test
    void classifyPrintsATableAndMarksANonImageButClassifiesTheRest() throws Exception {
        Path a = image(dir.resolve("red.png"), Color.RED, 40, 30);
        Path b = image(dir.resolve("green.jpg"), Color.GREEN, 30, 30);
        Path text = Files.writeString(dir.resolve("notes.png"), "hello");
        CliRun r = CliRun.of("classify", a.toString(), text.toString(), b.toString(), "--classifier", classifier.toString());
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).matches(".*image\\s+emotion\\s+negative\\s+neutral\\s+positive"), lines.get(0));
        assertTrue(lines.get(1).matches("\\Q" + a + "\\E\\s+(negative|neutral|positive)\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s+0\\.\\d{3}"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith(text + "  error: not a readable image: "), lines.get(2));
        assertTrue(lines.get(3).startsWith(b.toString()), lines.get(3));
        assertEquals("emotion-art classify: error: 1 of 3 files could not be classified (see the lines marked error)",
                r.err().strip());

        CliRun ok = CliRun.of("classify", a.toString(), "--classifier", classifier.resolve("1").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(lines.get(1).split("\\s+", 2)[1], ok.lines().get(1).split("\\s+", 2)[1],
                "same answer alone and from the version folder");
    }

    @Test
    void aGeneratorOrNothingGivenAsClassifierIsAUsageError() throws Exception {
        Path a = image(dir.resolve("red.png"), Color.RED, 20, 20);
        CliRun wrong = CliRun.of("classify", a.toString(), "--classifier", generator.toString());
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().startsWith("emotion-art classify: --classifier: " + generator.resolve("1")
                + " is a generator bundle, not a classifier"), wrong.err());
        assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
        CliRun missing = CliRun.of("classify", a.toString(), "--classifier", dir.resolve("nothing").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no bundle at " + dir.resolve("nothing")), missing.err());
    }

    // ------------------------------------------------------------------ label

    @Test
    void labelWritesTheManifestBrokenListChartAndSummary() throws Exception {
        Path root = wikiart();
        Path manifest = dir.resolve("out/manifest.csv");
        CliRun r = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out", manifest.toString(),
                "--batch", "2");
        assertEquals(0, r.exit(), r.err());
        List<LabelledImage> rows = LabelsFile.read(manifest);
        assertEquals(List.of("abstract/a1.png", "abstract/a2.jpg", "abstract/a3.png", "landscape/l1.jpg",
                "landscape/l2.png", "landscape/l4.png", "landscape/l5.jpg"), rows.stream().map(LabelledImage::path).toList());
        for (LabelledImage row : rows) {
            assertEquals(row.path().substring(0, row.path().indexOf('/')), row.style());
            float[] p = row.probabilities();
            assertEquals(1f, p[0] + p[1] + p[2], 1e-5f);
            assertEquals(row.emotion().index(), argmax(p));
        }
        assertEquals("path,style,emotion,p_negative,p_neutral,p_positive", Files.readAllLines(manifest).get(0));
        List<String> broken = Files.readAllLines(dir.resolve("out/manifest-broken.csv"));
        assertEquals(2, broken.size(), broken.toString());
        assertTrue(broken.get(1).startsWith("landscape/l3-broken.jpg,"), broken.get(1));
        BufferedImage chart = ImageIO.read(dir.resolve("out/manifest-emotions.png").toFile());
        assertTrue(chart.getWidth() >= 800 && chart.getHeight() > 150);
        assertTrue(r.out().contains("8 images: 7 labelled now, 0 already in the manifest (skipped), 1 broken now"), r.out());
        assertTrue(r.out().contains("broken files (not labelled): " + dir.resolve("out/manifest-broken.csv")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("abstract\\s+3\\s+.*%.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("landscape\\s+4\\s+.*%.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("all\\s+7\\s+.*")), r.out());
        assertTrue(r.out().contains("manifest: " + manifest + " (7 rows)"), r.out());

        // what train-gan --labels does with it: the style's labelled images join their cache
        var loaded = Datasets.assemble(root, manifest, "landscape", 16, dir.resolve("cache"), false);
        assertEquals(4, loaded.images().count());

        // a second run has nothing left to do
        CliRun again = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out", manifest.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("8 images: 0 labelled now, 7 already in the manifest (skipped), 1 broken now "
                + "(1 listed as broken by an earlier run, tried again)"), again.out());
        assertEquals(rows.size(), LabelsFile.read(manifest).size());

        // the broken file repaired: the next run labels it, and the broken list is empty (header only)
        Path brokenImage = root.resolve("landscape/l3-broken.jpg");
        Files.copy(root.resolve("landscape").resolve(Files.list(root.resolve("landscape"))
                .map(p -> p.getFileName().toString()).filter(n -> !n.contains("broken")).sorted().findFirst()
                .orElseThrow()), brokenImage, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun mended = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out",
                manifest.toString());
        assertEquals(0, mended.exit(), mended.err());
        assertTrue(mended.out().contains("8 images: 1 labelled now, 7 already in the manifest (skipped), 0 broken now "
                + "(1 listed as broken by an earlier run, tried again)"), mended.out());
        assertEquals(List.of("path,reason"), Files.readAllLines(dir.resolve("out/manifest-broken.csv")));
        assertEquals(rows.size() + 1, LabelsFile.read(manifest).size());
    }

    @Test
    void labelResumesAfterAKillInTheMiddleOfALineOrBetweenBatches() throws Exception {
        Path root = wikiart();
        Path full = dir.resolve("full.csv");
        assertEquals(0, CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out", full.toString(),
                "--batch", "2").exit());
        byte[] fullBytes = Files.readAllBytes(full);
        String text = new String(fullBytes, StandardCharsets.UTF_8);
        int afterThreeRows = nthNewline(text, 4) + 1; // header + 3 rows

        // killed in the middle of the 5th row (header + 4 complete rows + half a line); no broken list yet
        Path torn = dir.resolve("torn.csv");
        int mid = nthNewline(text, 5) + 1 + 12;
        Files.write(torn, java.util.Arrays.copyOf(fullBytes, mid));
        CliRun r = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out", torn.toString(),
                "--batch", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resumed: dropped an incomplete last line (12 bytes)"), r.out());
        assertTrue(r.out().contains("8 images: 3 labelled now, 4 already in the manifest (skipped), 1 broken now"), r.out());
        assertSameManifest(full, torn);
        assertEquals(Files.readString(dir.resolve("full-broken.csv")), Files.readString(dir.resolve("torn-broken.csv")));

        // stopped cleanly between batches, broken list already written
        Path clean = dir.resolve("clean.csv");
        Files.write(clean, java.util.Arrays.copyOf(fullBytes, afterThreeRows));
        Files.copy(dir.resolve("full-broken.csv"), dir.resolve("clean-broken.csv"));
        CliRun r2 = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out", clean.toString());
        assertEquals(0, r2.exit(), r2.err());
        assertFalse(r2.out().contains("resumed: dropped"), r2.out());
        assertTrue(r2.out().contains("8 images: 4 labelled now, 3 already in the manifest (skipped), 1 broken now "
                + "(1 listed as broken by an earlier run, tried again)"), r2.out());
        assertSameManifest(full, clean);

        // a torn header (killed right after creating the file)
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "path,sty");
        assertEquals(0, CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out",
                header.toString()).exit());
        assertSameManifest(full, header);
    }

    /**
     * Same rows in the same order; probabilities equal to float rounding: batches differ in size, and oneDNN
     * picks its kernels by batch size, so a probability can move in the 6th decimal (2e-6 seen on Zen 4).
     */
    static void assertSameManifest(Path expected, Path actual) {
        List<LabelledImage> a = LabelsFile.read(expected);
        List<LabelledImage> b = LabelsFile.read(actual);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).path(), b.get(i).path());
            assertEquals(a.get(i).style(), b.get(i).style());
            assertEquals(a.get(i).emotion(), b.get(i).emotion(), a.get(i).path());
            assertArrayEquals(a.get(i).probabilities(), b.get(i).probabilities(), 1e-5f, a.get(i).path());
        }
    }

    static int nthNewline(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf('\n', at + 1);
        }
        return at;
    }

    @Test
    void labelNeverCutsOrWritesAnOutThatIsNotItsManifest() throws Exception {
        Path root = wikiart();
        for (String content : List.of("my only line, no newline at the end", "line 1\nline 2 no newline")) {
            Path notes = Files.writeString(dir.resolve("notes.txt"), content);
            CliRun r = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out",
                    notes.toString());
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("emotion-art label: " + notes + " exists and is not a label manifest: its "
                    + "first line is '"), r.err());
            assertEquals(content, Files.readString(notes), "the file is as it was");
            assertFalse(Files.exists(dir.resolve("notes.txt-broken.csv")));
        }
    }

    @Test
    void labelStylesOptionAndBadInput() throws Exception {
        Path root = wikiart();
        Path manifest = dir.resolve("m.csv");
        CliRun one = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out", manifest.toString(),
                "--styles", "abstract");
        assertEquals(0, one.exit(), one.err());
        assertEquals(3, LabelsFile.read(manifest).size());
        assertEquals(List.of("path,reason"), Files.readAllLines(dir.resolve("m-broken.csv")),
                "no broken files: the list is there, and empty");

        CliRun unknown = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out",
                dir.resolve("x.csv").toString(), "--styles", "abstract,cubism");
        assertEquals(2, unknown.exit());
        assertEquals("emotion-art label: unknown style in --styles: cubism (styles found in " + root
                + ": abstract, landscape) -- see 'emotion-art label --help'", unknown.err().strip());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of("label", empty.toString(), "--classifier", classifier.toString(), "--out",
                dir.resolve("y.csv").toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().startsWith("emotion-art label: error: no style folders in " + empty), none.err());
        Files.createDirectories(empty.resolve("landscape"));
        CliRun noImages = CliRun.of("label", empty.toString(), "--classifier", classifier.toString(), "--out",
                dir.resolve("y.csv").toString());
        assertEquals(1, noImages.exit());
        assertEquals("emotion-art label: error: no images (.jpg, .jpeg, .png) in the style folder "
                + empty.resolve("landscape"), noImages.err().strip());

        CliRun wrongBundle = CliRun.of("label", root.toString(), "--classifier", generator.toString(), "--out",
                dir.resolve("z.csv").toString());
        assertEquals(2, wrongBundle.exit());
        assertTrue(wrongBundle.err().contains("is a generator bundle, not a classifier"), wrongBundle.err());

        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        CliRun outIsAFolder = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out",
                folder.toString());
        assertEquals(2, outIsAFolder.exit());
        assertEquals("emotion-art label: --out " + folder + " is a folder, not a file: give a file to write -- see "
                + "'emotion-art label --help'", outIsAFolder.err().strip());
        assertEquals("", outIsAFolder.out());
        try (var inside = Files.list(folder)) {
            assertEquals(0, inside.count(), "nothing written into it");
        }

        Path otherCsv = Files.writeString(dir.resolve("labels.csv"), "path,style,emotion\nabstract/a1.png,abstract,positive\n");
        CliRun notAManifest = CliRun.of("label", root.toString(), "--classifier", classifier.toString(), "--out",
                otherCsv.toString());
        assertEquals(2, notAManifest.exit(), "a --out that names another kind of file: a wrong command line");
        assertTrue(notAManifest.err().contains(otherCsv + " exists and is not a label manifest: its first line is "
                + "'path,style,emotion'"), notAManifest.err());
        assertEquals("path,style,emotion\nabstract/a1.png,abstract,positive\n", Files.readString(otherCsv), "untouched");
    }

    // ------------------------------------------------------------------ evaluate

    @Test
    void evaluateWritesAdherenceDiversityAndItsFiles() throws Exception {
        Path root = dir.resolve("real");
        StringBuilder labels = new StringBuilder("path,style,emotion\n");
        for (int i = 0; i < 9; i++) {
            Emotion e = Emotion.of(i % 3);
            String path = "tiny/" + i + ".png";
            image(root.resolve(path), new Color(40 + 20 * i, 200 - 15 * i, 60 + 10 * (i % 3)), 20, 20);
            labels.append(path).append(",tiny,").append(e.label()).append('\n');
        }
        Files.writeString(root.resolve("labels.csv"), labels.toString());
        Path out = dir.resolve("eval");
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "5", "--seed", "7", "--out", out.toString(), "--data", root.toString(),
                "--features", "none");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("image quality"), r.out());
        assertTrue(r.out().startsWith("tiny: 5 paintings per emotion (seeds 7..11), classifier at 32 px"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\| negative \\| \\d+\\.\\d% \\(\\d/5\\) \\| 0\\.\\d{4} \\| "
                + "0\\.\\d{4} \\(3 images\\) \\| \\d+\\.\\d\\d.*")), r.out());
        for (String f : List.of("evaluation.json", "evaluation.md", "adherence-confusion.png", "samples.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Map<?, ?> json = Json.read(out.resolve("evaluation.json"), Map.class);
        Map<?, ?> confusion = (Map<?, ?>) json.get("confusion");
        List<?> matrix = (List<?>) confusion.get("matrix");
        for (Object row : matrix) {
            assertEquals(5, ((List<?>) row).stream().mapToInt(v -> ((Number) v).intValue()).sum());
        }
        Map<?, ?> diversity = (Map<?, ?>) json.get("diversity");
        Map<?, ?> positive = (Map<?, ?>) diversity.get("positive");
        assertEquals(3, ((Number) positive.get("realImages")).intValue());
        assertTrue(((Number) positive.get("generated")).doubleValue() > 0);
        assertTrue(Files.readString(out.resolve("evaluation.md")).contains("## Emotion adherence"));
        // the same seeds give the same figures
        CliRun again = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "5", "--seed", "7", "--out", dir.resolve("eval2").toString());
        assertEquals(0, again.exit(), again.err());
        Map<?, ?> json2 = Json.read(dir.resolve("eval2/evaluation.json"), Map.class);
        assertEquals(json.get("adherence"), json2.get("adherence"));
        assertEquals(((Map<?, ?>) diversity.get("negative")).get("generated"),
                ((Map<?, ?>) ((Map<?, ?>) json2.get("diversity")).get("negative")).get("generated"));
    }

    /** Real paintings of the tiny style: {@code perEmotion} of each emotion, varied colours. */
    Path tinyReal(int perEmotion) throws Exception {
        Path root = dir.resolve("real-" + perEmotion);
        StringBuilder labels = new StringBuilder("path,style,emotion\n");
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 3 * perEmotion; i++) {
            Emotion e = Emotion.of(i % 3);
            String path = "tiny/" + i + ".png";
            image(root.resolve(path), new Color(rnd.nextInt(256), rnd.nextInt(256), 80 * e.index()), 20, 20);
            labels.append(path).append(",tiny,").append(e.label()).append('\n');
        }
        Files.writeString(root.resolve("labels.csv"), labels.toString());
        return root;
    }

    @Test
    void evaluateWithRealDataReportsImageQualityBesideTheRealVsRealBaseline() throws Exception {
        Path root = tinyReal(12);
        Path out = dir.resolve("eval-quality");
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "6", "--out", out.toString(), "--data", root.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| emotion | FD | FD real-vs-real | FD ratio |"), r.out());
        for (String row : List.of("negative", "neutral", "positive", "all")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("\\| " + row + " \\| \\d+\\.\\d{3} \\| .*")),
                    row + " in " + r.out());
        }
        Map<?, ?> quality = (Map<?, ?>) Json.read(out.resolve("evaluation.json"), Map.class).get("quality");
        assertTrue(((String) quality.get("features")).startsWith("classifier penultimate layer"), quality.toString());
        Map<?, ?> all = (Map<?, ?>) quality.get("all");
        assertEquals(18, ((Number) all.get("generatedImages")).intValue());
        double fd = ((Number) all.get("fd")).doubleValue();
        double baseline = ((Number) all.get("fdRealVsReal")).doubleValue();
        assertEquals(fd / baseline, ((Number) all.get("fdRatio")).doubleValue(), 1e-9);
        assertEquals(org.emotionart.eval.Quality.BASELINE_SPLITS, ((Number) all.get("fdRealVsRealSplits")).intValue());
        List<?> range = (List<?>) all.get("fdRealVsRealRange");
        assertTrue(((Number) range.get(0)).doubleValue() <= baseline && baseline <= ((Number) range.get(1)).doubleValue(),
                "the baseline is the median of the splits' range " + range);
        double precision = ((Number) all.get("precision")).doubleValue();
        assertTrue(precision >= 0 && precision <= 1, all.toString());
        assertTrue(Files.readString(out.resolve("evaluation.md")).contains("## Image quality"));
        java.awt.image.BufferedImage beside = javax.imageio.ImageIO.read(out.resolve("real-beside-generated.png").toFile());
        assertTrue(beside.getWidth() > beside.getHeight(), "12 columns (6 real, 6 generated) by 3 rows");
    }

    @Test
    void evaluateTakesTheBaselineOverAsManySplitsAsAsked() throws Exception {
        Path root = tinyReal(12);
        Path out = dir.resolve("eval-one-split");
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "6", "--out", out.toString(), "--data", root.toString(), "--baseline-splits", "1");
        assertEquals(0, r.exit(), r.err());
        Map<?, ?> all = (Map<?, ?>) ((Map<?, ?>) Json.read(out.resolve("evaluation.json"), Map.class).get("quality"))
                .get("all");
        assertEquals(1, ((Number) all.get("fdRealVsRealSplits")).intValue());
        List<?> range = (List<?>) all.get("fdRealVsRealRange");
        double baseline = ((Number) all.get("fdRealVsReal")).doubleValue();
        assertEquals(baseline, ((Number) range.get(0)).doubleValue(), 1e-12, "one split: its own figure");
        assertEquals(baseline, ((Number) range.get(1)).doubleValue(), 1e-12, "one split: its own figure");

        CliRun none = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "6", "--data", root.toString(), "--baseline-splits", "0");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--baseline-splits") && none.err().contains("1..1000"), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());
    }

    @Test
    void evaluateOnInceptionFeaturesReadsKerasWeightsAndSaysWhatItNeeds() throws Exception {
        Path root = tinyReal(8);
        Path weights = org.emotionart.model.InceptionV3Test.write(dir.resolve("inception.h5"), false, 0.01f, 0f, 0, 0);
        Path out = dir.resolve("eval-inception");
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "4", "--out", out.toString(), "--data", root.toString(), "--features", "inception",
                "--weights", weights.toString());
        assertEquals(0, r.exit(), r.err());
        Map<?, ?> quality = (Map<?, ?>) Json.read(out.resolve("evaluation.json"), Map.class).get("quality");
        assertTrue(((String) quality.get("features")).startsWith("InceptionV3 pooled features (128-d)"), quality.toString());
        CliRun noWeights = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier",
                classifier.toString(), "--per-emotion", "4", "--out", out.toString(), "--data", root.toString(),
                "--features", "inception");
        assertEquals(2, noWeights.exit());
        assertTrue(noWeights.err().startsWith("emotion-art evaluate: --features inception needs --weights FILE"),
                noWeights.err());
        Path bad = Files.writeString(dir.resolve("bad.h5"), "not hdf5");
        CliRun badWeights = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier",
                classifier.toString(), "--per-emotion", "4", "--out", out.toString(), "--data", root.toString(),
                "--features", "inception", "--weights", bad.toString());
        assertEquals(1, badWeights.exit());
        assertTrue(badWeights.err().contains(bad + " is not a readable HDF5 weights file"), badWeights.err());
        assertFalse(badWeights.err().contains("\tat "), badWeights.err());
        // a weights path that names nothing or a folder is a usage error, said before any painting
        for (Path wrong : List.of(dir.resolve("missing.h5"), dir)) {
            CliRun refused = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier",
                    classifier.toString(), "--per-emotion", "4", "--out", out.toString(), "--data", root.toString(),
                    "--features", "inception", "--weights", wrong.toString());
            assertEquals(2, refused.exit(), refused.err());
            assertTrue(refused.err().startsWith("emotion-art evaluate: --weights " + wrong
                    + (wrong.equals(dir) ? " is a folder, not a file" : " does not exist")), refused.err());
        }
    }

    @Test
    void evaluateSaysWhenThereAreTooFewRealPaintingsForTheQualityFigures() throws Exception {
        Path root = tinyReal(7);
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "6", "--out", dir.resolve("e").toString(), "--data", root.toString());
        assertEquals(2, r.exit(), r.out());
        assertEquals("emotion-art evaluate: too few real negative paintings of tiny for the quality figures: 6 "
                + "paintings per emotion need 12 real ones of each (half to compare with, half for the real-vs-real "
                + "baseline), there are 7; use --per-emotion 3 or less, or --features none -- see 'emotion-art "
                + "evaluate --help'", r.err().lines().findFirst().orElse(""));
        CliRun none = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "6", "--out", dir.resolve("e").toString(), "--data", root.toString(), "--features", "none");
        assertEquals(0, none.exit(), none.err());
    }

    @Test
    void evaluateRefusesSwappedBundles() {
        CliRun r = CliRun.of("evaluate", "--generator", classifier.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "2", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("emotion-art evaluate: --generator: " + classifier.resolve("1")
                + " is a classifier bundle, not a generator"), r.err());
    }

    @Test
    void evaluateRefusesAnOutThatIsAFileAndMissingLabelsBeforeAnyWork() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--per-emotion", "2", "--out", file.toString());
        assertEquals(2, r.exit());
        assertEquals("emotion-art evaluate: --out " + file + " is a file, not a folder: give a folder to write into "
                + "-- see 'emotion-art evaluate --help'", r.err().strip());
        assertEquals("", r.out(), "nothing generated or judged");
        assertEquals("mine", Files.readString(file));

        Path none = dir.resolve("none.csv");
        CliRun noLabels = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier",
                classifier.toString(), "--per-emotion", "2", "--data", dir.toString(), "--labels", none.toString(),
                "--out", dir.resolve("e").toString());
        assertEquals(2, noLabels.exit());
        assertEquals("emotion-art evaluate: --labels " + none + " does not exist -- see 'emotion-art evaluate --help'",
                noLabels.err().strip());
        assertFalse(Files.exists(dir.resolve("e")));
    }

    @Test
    void evaluateOnDataWithoutLabelsSuggestsALabelCommandThatWorks() throws Exception {
        Path root = wikiart();
        CliRun r = CliRun.of("evaluate", "--generator", generator.toString(), "--classifier", classifier.toString(),
                "--data", root.toString());
        assertEquals(2, r.exit());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'emotion-art (label [^']*)'").matcher(r.err());
        assertTrue(m.find(), r.err());
        Path manifest = dir.resolve("suggested.csv");
        CliRun label = CliRun.of(m.group(1).replace("BUNDLE", classifier.toString())
                .replace("FILE", manifest.toString()).split(" "));
        assertEquals(0, label.exit(), m.group(1) + ": " + label.err());
        assertEquals(7, LabelsFile.read(manifest).size());
    }

    // ------------------------------------------------------------------ bench classify

    @Test
    void benchClassifyEndsWithAMachineReadableLine() {
        CliRun r = CliRun.of("bench", "classify", "--backbone", "compact", "--size", "16", "--batch", "2", "--steps", "2",
                "--warmup", "0");
        assertEquals(0, r.exit(), r.err());
        String last = r.lines().get(r.lines().size() - 1);
        assertTrue(last.matches("mode=classify batch=2 steps=2 img_per_s=[\\d.]+ ms_per_step=[\\d.]+ .*"
                + "backbone=compact .*gflop_per_img=[\\d.]+ gflop_per_s=[\\d.]+ .*peak_pct=[\\d.]+ .*size=16 cores=\\d+"),
                last);
        CliRun bad = CliRun.of("bench", "classify", "--backbone", "resnet");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown --backbone 'resnet': allowed compact, vgg16"), bad.err());
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
