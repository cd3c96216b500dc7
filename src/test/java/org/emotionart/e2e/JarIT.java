package org.emotionart.e2e;

import static org.emotionart.e2e.Jar.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.emotionart.util.FileTrees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of {@code emotion-art --help}, run as the packaged jar in its own process (after
 * {@code package}, by failsafe in {@code verify}): exit code, stdout, stderr and the files written.
 * Tiny data and models keep it to a few minutes: a 4-per-emotion benchmark at 32 px and a GAN of
 * width 2 at 16 px; the shipped bundles for generating and classifying.
 */
class JarIT {
    @TempDir
    static Path dir;
    /** synth --per-class 4 --size 32: 48 paintings. */
    static Path data;
    /** A 4-step train-gan run at 16 px, with checkpoints at 2 and 4. */
    static Path run;

    @BeforeAll
    static void tinyDataAndRun() throws Exception {
        data = dir.resolve("bench");
        run("synth", "--out", data.toString(), "--per-class", "4", "--size", "32").succeeds();
        run = dir.resolve("run");
        run(tinyGan(run, "4")).succeeds();
    }

    static String[] tinyGan(Path out, String steps, String... more) {
        List<String> a = new ArrayList<>(List.of("train-gan", "--data", data.toString(), "--style", "landscape",
                "--size", "16", "--g-width", "2", "--d-width", "2", "--batch", "4", "--steps", steps,
                "--checkpoint-every", "2", "--sample-every", "2", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- help

    /** The commands that --help lists (and their subcommands, for data and bench). */
    static List<List<String>> commands() throws Exception {
        List<List<String>> all = new ArrayList<>();
        for (String c : listed(run("--help").succeeds().out())) {
            if (c.equals("help")) {
                continue;
            }
            all.add(List.of(c));
            if (c.equals("data") || c.equals("bench")) {
                for (String sub : listed(run(c, "--help").succeeds().out())) {
                    all.add(List.of(c, sub));
                }
            }
        }
        return all;
    }

    private static List<String> listed(String help) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in) {
                Matcher m = Pattern.compile("^  ([a-z][a-z-]*)\\s").matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void helpOfEveryCommandBothWaysPrintsItsUsage() throws Exception {
        List<List<String>> commands = commands();
        assertTrue(commands.size() >= 20, commands.toString());
        for (List<String> c : commands) {
            List<String> dashHelp = new ArrayList<>(c);
            dashHelp.add("--help");
            Jar.Run r = run(dashHelp.toArray(String[]::new)).succeeds();
            assertTrue(r.out().startsWith("Usage: emotion-art " + String.join(" ", c)), r::toString);
            assertTrue(r.out().lines().count() >= 4, r::toString);
            assertEquals("", r.err(), r::toString);
            if (c.size() == 1) { // "help generate" (picocli's help takes one name)
                Jar.Run h = run("help", c.get(0)).succeeds();
                assertEquals(r.out(), h.out(), h::toString);
            }
        }
        run("help", "frobnicate").failsWith(2, "frobnicate");
        assertTrue(run("--version").succeeds().out().startsWith("emotion-art "));
    }

    // ---------------------------------------------------------------- use

    @Test
    void inspectPrintsIntoAPipe() throws Exception {
        Jar.Run r = run("inspect", "savedmodels/generator-landscape").succeeds();
        assertTrue(r.out().length() > 500, r::toString);
        assertTrue(r.out().contains("signature_def['serving_default']") && r.out().contains("generate_blend"), r::toString);
        run("inspect", dir.resolve("none").toString()).failsWith(2, "is not a SavedModel");
    }

    @Test
    void generatePrintsEveryFileItWroteAndTheSameSeedGivesTheSameBytes() throws Exception {
        Path a = dir.resolve("gen-a");
        Path b = dir.resolve("gen-b");
        Jar.Run r = run("generate", "landscape", "positive", "3", "--seed", "7", "--out", a.toString()).succeeds();
        assertEquals(List.of(a.resolve("landscape-positive-7.png").toString(), a.resolve("landscape-positive-8.png")
                .toString(), a.resolve("landscape-positive-9.png").toString(),
                a.resolve("landscape-positive-grid.png").toString()), r.outLines());
        BufferedImage img = ImageIO.read(a.resolve("landscape-positive-7.png").toFile());
        assertEquals(64, img.getWidth());
        run("generate", "landscape", "positive", "3", "--seed", "7", "--out", b.toString()).succeeds();
        for (int s = 7; s <= 9; s++) {
            assertArrayEquals(Files.readAllBytes(a.resolve("landscape-positive-" + s + ".png")),
                    Files.readAllBytes(b.resolve("landscape-positive-" + s + ".png")));
        }

        run("generate", "cubism", "positive", "2", "--out", a.toString())
                .failsWith(2, "no generator for style 'cubism'", "landscape");
        run("generate", "landscape", "positive", "2", "--out", "README.md")
                .failsWith(2, "--out README.md is a file, not a folder");
        run("generate", "landscape", "positive", "2", "--out", "/proc/x")
                .failsWith(1, "cannot create the --out folder", "/proc/x", "no such file or folder");
        run("generate", "landscape", "positive", "4", "--seed", "9223372036854775806")
                .failsWith(2, "--seed", "allowed: -1000000000000000..999999999999997");
        assertFalse(Files.exists(Jar.REPO.resolve("generated")), "nothing written by the refused runs");
    }

    @Test
    void aBundleOfTheWrongKindOrWithoutItsWeightsIsSaidSoEverywhere() throws Exception {
        Path models = dir.resolve("odd-models");
        FileTrees.copy(Jar.REPO.resolve("savedmodels/classifier"), models.resolve("generator-landscape"));
        FileTrees.copy(Jar.REPO.resolve("savedmodels/generator-portrait"), models.resolve("generator-portrait"));
        try (Stream<Path> versions = Files.list(models.resolve("generator-portrait"))) {
            for (Path v : versions.toList()) {
                FileTrees.delete(v.resolve("variables"));
            }
        }

        run("generate", "landscape", "positive", "2", "--models", models.toString(), "--out", dir.resolve("x").toString())
                .failsWith(2, "is a classifier bundle, not a generator");
        run("classify", "--classifier", models.resolve("generator-portrait").toString(),
                Jar.REPO.resolve("training/reports/benchmark/contact-sheet.png").toString()).failsWith(2);
        Jar.Run noWeights = run("generate", "portrait", "positive", "2", "--models", models.toString(), "--out",
                dir.resolve("x").toString()).failsWith(2, "incomplete bundle", "no variables/variables.index");
        assertEquals("", noWeights.out());
        Jar.Run list = run("models", "--models", models.toString());
        assertEquals(1, list.exit(), list::toString);
        assertTrue(list.out().contains("BROKEN: no variables/variables.index"), list::toString);
        assertTrue(list.out().contains("BROKEN: a classifier bundle under the name of a generator"), list::toString);
        assertTrue(list.err().contains("2 of 2 bundles cannot be loaded"), list::toString);

        Jar.Run shipped = run("models").succeeds();
        assertEquals(5 + 2, shipped.outLines().size(), shipped::toString); // header, 5 bundles, total
        assertTrue(shipped.outLines().get(1).matches("classifier\\s+\\d+ classifier\\s+-\\s+\\d+\\s+.*procedural benchmark.*not WikiArt"),
                shipped::toString);
        String[] styles = {"abstract", "flower-painting", "landscape", "portrait"};
        for (int i = 0; i < 4; i++) {
            assertTrue(shipped.outLines().get(2 + i).matches("generator-" + styles[i] + "\\s+\\d+ generator\\s+" + styles[i]
                    + "\\s+\\d+\\s+\\d+\\.\\d MB\\s+procedural benchmark .*, not WikiArt"), shipped::toString);
        }
        assertTrue(shipped.outLines().get(6).matches("5 bundles, \\d+\\.\\d MB in all"), shipped::toString);
        run("models", "--models", dir.resolve("none").toString()).failsWith(2, "models folder not found");
    }

    @Test
    void aBundleWhoseGraphWouldWriteAFileIsRefusedAndWritesNothing() throws Exception {
        // the shipped landscape generator with a WriteFile op as its init op, which TensorFlow runs on loading
        Path models = dir.resolve("hostile-models");
        Path version = models.resolve("generator-landscape/4");
        FileTrees.copy(Jar.REPO.resolve("savedmodels/generator-landscape/4"), version);
        Path victim = dir.resolve("written-by-a-bundle");
        Path pb = version.resolve("saved_model.pb");
        var sm = org.tensorflow.proto.SavedModel.parseFrom(Files.readAllBytes(pb));
        var mg = sm.getMetaGraphs(0);
        var graph = mg.getGraphDef().toBuilder();
        for (String[] c : new String[][] {{"evil_path", victim.toString()}, {"evil_text", "x"}}) {
            graph.addNode(org.tensorflow.proto.NodeDef.newBuilder().setName(c[0]).setOp("Const")
                    .putAttr("dtype", org.tensorflow.proto.AttrValue.newBuilder()
                            .setType(org.tensorflow.proto.DataType.DT_STRING).build())
                    .putAttr("value", org.tensorflow.proto.AttrValue.newBuilder().setTensor(
                            org.tensorflow.proto.TensorProto.newBuilder().setDtype(org.tensorflow.proto.DataType.DT_STRING)
                                    .setTensorShape(org.tensorflow.proto.TensorShapeProto.newBuilder())
                                    .addStringVal(com.google.protobuf.ByteString.copyFromUtf8(c[1]))).build()));
        }
        graph.addNode(org.tensorflow.proto.NodeDef.newBuilder().setName("evil_write").setOp("WriteFile")
                .addInput("evil_path").addInput("evil_text"));
        var init = org.tensorflow.proto.SignatureDef.newBuilder().putOutputs("__saved_model_init_op",
                org.tensorflow.proto.TensorInfo.newBuilder().setName("evil_write").build()).build();
        Files.write(pb, sm.toBuilder().setMetaGraphs(0, mg.toBuilder().setGraphDef(graph)
                .putSignatureDef("__saved_model_init_op", init)).build().toByteArray());

        Jar.Run refused = run("generate", "landscape", "positive", "1", "--models", models.toString(), "--out",
                dir.resolve("hostile-out").toString())
                .failsWith(2, "is not a bundle emotion-art loads: its graph has ops no emotion-art bundle has (WriteFile)");
        assertEquals("", refused.out());
        assertFalse(Files.exists(victim), "the bundle wrote a file while loading");
        assertFalse(Files.exists(dir.resolve("hostile-out")));
    }

    @Test
    void interpolateWritesAStripAndAGifAndWantsAnOddWalk() throws Exception {
        Path out = dir.resolve("walk");
        Jar.Run r = run("interpolate", "landscape", "--seed", "3", "--steps", "5", "--out", out.toString()).succeeds();
        assertEquals(List.of(out.resolve("landscape-walk-3.png").toString(), out.resolve("landscape-walk-3.gif")
                .toString()), r.outLines());
        assertTrue(Files.size(out.resolve("landscape-walk-3.gif")) > 1000);
        // the strip walks from the seed's negative painting to its positive one (tiles 64 px, 2 px apart, under a
        // 24-px caption), and the GIF walks there and back: 2 × 5 − 2 frames
        BufferedImage strip = ImageIO.read(out.resolve("landscape-walk-3.png").toFile());
        assertEquals(5 * 66 + 2, strip.getWidth());
        for (String[] end : new String[][] {{"negative", "0"}, {"positive", "4"}}) {
            Path one = dir.resolve("walk-" + end[0]);
            run("generate", "landscape", end[0], "1", "--seed", "3", "--out", one.toString()).succeeds();
            assertArrayEquals(pixels(ImageIO.read(one.resolve("landscape-" + end[0] + "-3.png").toFile()), 0, 0),
                    pixels(strip, 2 + 66 * Integer.parseInt(end[1]), 26), "tile " + end[1] + " is the " + end[0] + " painting");
        }
        javax.imageio.ImageReader gif = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(out.resolve("landscape-walk-3.gif").toFile())) {
            gif.setInput(in);
            assertEquals(8, gif.getNumImages(true));
        } finally {
            gif.dispose();
        }
        run("interpolate", "landscape", "--steps", "4").failsWith(2, "odd number from 3 to 33");
    }

    /** The 64 × 64 RGB pixels of {@code image} from (x, y). */
    static int[] pixels(BufferedImage image, int x, int y) {
        int[] px = image.getRGB(x, y, 64, 64, null, 0, 64);
        for (int i = 0; i < px.length; i++) px[i] &= 0xffffff;
        return px;
    }

    @Test
    void theGridHoldsThePaintingsInOrder() throws Exception {
        Path out = dir.resolve("grid");
        run("generate", "portrait", "neutral", "3", "--seed", "11", "--out", out.toString()).succeeds();
        BufferedImage grid = ImageIO.read(out.resolve("portrait-neutral-grid.png").toFile());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(pixels(ImageIO.read(out.resolve("portrait-neutral-" + (11 + i) + ".png").toFile()), 0, 0),
                    pixels(grid, 2 + 66 * i, 26), "tile " + i);
        }
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLine() throws Exception {
        Path bad = dir.resolve("bad.pth");
        Files.write(bad, new byte[100]);
        Jar.Run plain = run("import-torch", bad.toString(), "--style", "landscape", "--out", dir.resolve("imp").toString())
                .failsWith(1, "is not a PyTorch zip archive");
        Jar.Run verbose = run("import-torch", bad.toString(), "--style", "landscape", "--out",
                dir.resolve("imp").toString(), "--verbose");
        assertEquals(1, verbose.exit(), verbose::toString);
        assertEquals(plain.errLines().get(0), verbose.errLines().get(0), "the same line first");
        assertTrue(verbose.errLines().stream().anyMatch(l -> l.startsWith("\tat org.emotionart.")), verbose::toString);
    }

    @Test
    void benchGeneratePrintsAMachineReadableLastLine() throws Exception {
        Jar.Run r = run("bench", "generate", "--batch", "2", "--steps", "1", "--warmup", "0").succeeds();
        String last = r.outLines().get(r.outLines().size() - 1);
        assertTrue(last.matches("mode=generate batch=2 steps=1 img_per_s=[\\d.]+ .*source=savedmodel.*"), r::toString);
    }

    @Test
    void classifyPrintsATableAndMarksWhatItCouldNotRead() throws Exception {
        Path a = dir.resolve("cls");
        run("generate", "portrait", "negative", "1", "--out", a.toString()).succeeds();
        Path img = a.resolve("portrait-negative-0.png");
        Jar.Run r = run("classify", img.toString()).succeeds();
        // header, the row, and the count line only when the row is out of the classifier's domain
        boolean out = r.outLines().get(1).endsWith("OUT: a guess");
        assertEquals(out ? 3 : 2, r.outLines().size(), r::toString);
        if (out) {
            assertTrue(r.outLines().get(2).startsWith("1 of 1 image is unlike the paintings this classifier was trained on"),
                    r::toString);
        }
        assertTrue(r.outLines().get(0).matches("image\\s+emotion\\s+negative\\s+neutral\\s+positive\\s+domain"),
                r::toString);
        // the shipped classifier (version 2) is calibrated: each row says whether the image is in its domain
        assertTrue(r.outLines().get(1).matches(Pattern.quote(img.toString()) + "\\s+(negative|neutral|positive)\\s+"
                + "[01]\\.\\d{3}\\s+[01]\\.\\d{3}\\s+[01]\\.\\d{3}\\s+(in|OUT: a guess)"), r::toString);
        Jar.Run missing = run("classify", img.toString(), dir.resolve("nope.png").toString());
        missing.failsWith(1, "1 of 2 files could not be classified");
        assertTrue(missing.out().lines().anyMatch(l -> l.matches(".*nope\\.png\\s+error: no such file")), missing::toString);
    }

    @Test
    void synthTwiceWritesTheSameBytes() throws Exception {
        Path a = dir.resolve("synth-a");
        Path b = dir.resolve("synth-b");
        run("synth", "--out", a.toString(), "--per-class", "2", "--size", "32", "--styles", "portrait").succeeds();
        run("synth", "--out", b.toString(), "--per-class", "2", "--size", "32", "--styles", "portrait").succeeds();
        for (String f : List.of("dataset.json", "labels.csv", "portrait/portrait-positive-00001.png")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertTrue(Files.readString(a.resolve("dataset.json")).matches("(?s)\\{\\s*\"kind\".*\"generator\".*\"note\".*"));
        run("synth", "--per-class", "0", "--out", a.toString()).failsWith(2, "--per-class must be 1..99999");
        run("synth", "--out", "README.md", "--per-class", "1")
                .failsWith(2, "--out README.md is a file, not a folder");
    }

    @Test
    void dataStatsCountsAndRefusesAnEmptyFolderBeforeWritingACache() throws Exception {
        Jar.Run r = run("data", "stats", data.toString()).succeeds();
        assertTrue(r.out().lines().anyMatch(l -> l.matches("landscape\\s+12\\s+0")), r::toString);
        Path empty = dir.resolve("empty-wikiart");
        Files.createDirectories(empty.resolve("landscape"));
        run("data", "stats", empty.toString()).failsWith(1, "no images (.jpg, .jpeg, .png)");
        assertFalse(Files.exists(empty.resolve(".emotion-art-cache")), "no cache for nothing");
        run("data", "stats", dir.resolve("none").toString()).failsWith(2, "data folder not found");
    }

    @Test
    void dataEmotionsRefusesAnAnnotationFileThatIsMissingOrAFolder() throws Exception {
        run("data", "emotions", dir.resolve("none.tsv").toString())
                .failsWith(2, "WikiArt Emotions file " + dir.resolve("none.tsv") + " does not exist");
        run("data", "emotions", data.toString()).failsWith(2, "WikiArt Emotions file " + data + " is a folder, not a file");
    }

    // ---------------------------------------------------------------- train, export, evaluate

    @Test
    void trainGanRunExportsAndItsBundleGeneratesAndIsEvaluated() throws Exception {
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-00000004")));
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(run.resolve("checkpoints/step-00000004"));
        assertTrue(perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ),
                "checkpoint folders as readable as any other folder made here: " + perms);
        assertEquals(5, Files.readAllLines(run.resolve("loss.csv")).size()); // header + 4 steps

        Path models = dir.resolve("exported");
        run("export-gan", run.toString(), "--out", models.resolve("generator-landscape").toString()).succeeds();
        String meta = Files.readString(models.resolve("generator-landscape/1/assets.extra/emotion-art.json"));
        assertTrue(meta.contains("train-gan --style landscape --data " + data), meta);
        assertTrue(meta.contains("--size 16") && meta.contains("--g-width 2") && meta.contains("--steps 4"), meta);
        assertTrue(meta.contains("\"beta1\"") && meta.contains("\"diffAugment\" : false"), meta);
        Jar.Run g = run("generate", "landscape", "neutral", "2", "--models", models.toString(), "--out",
                dir.resolve("gen-tiny").toString()).succeeds();
        assertEquals(3, g.outLines().size(), g::toString);
        assertEquals(16, ImageIO.read(Path.of(g.outLines().get(0)).toFile()).getWidth());

        Path eval = dir.resolve("eval");
        Jar.Run e = run("evaluate", "--generator", models.resolve("generator-landscape").toString(), "--classifier",
                "savedmodels/classifier", "--per-emotion", "4", "--out", eval.toString()).succeeds();
        assertTrue(Files.isRegularFile(eval.resolve("evaluation.json")), e::toString);
        assertTrue(e.out().contains("adherence"), e::toString);
        run("evaluate", "--generator", models.resolve("generator-landscape").toString(), "--classifier",
                "savedmodels/classifier", "--data", Jar.REPO.resolve("src").toString())
                .failsWith(2, "has no labels.csv: give --labels FILE",
                        "'emotion-art label " + Jar.REPO.resolve("src") + " --classifier BUNDLE --out FILE'");
        Jar.Run intoAFile = run("evaluate", "--generator", models.resolve("generator-landscape").toString(),
                "--classifier", "savedmodels/classifier", "--per-emotion", "2", "--out", "README.md")
                .failsWith(2, "--out README.md is a file, not a folder");
        assertEquals("", intoAFile.out(), "refused before generating anything");
        run("export-gan", dir.resolve("none").toString(), "--out", dir.resolve("e").toString())
                .failsWith(2, "is not a GAN run folder");
    }

    @Test
    void trainGanRefusesBadSettingsAndSaysHowLongItTrains() throws Exception {
        run(tinyGan(dir.resolve("lr"), "2", "--lr", "-1")).failsWith(2, "--lr -1.0 is out of range");
        run(tinyGan(dir.resolve("lr"), "2", "--loss", "wasserstein")).failsWith(2, "allowed bce, hinge");
        run(tinyGan(dir.resolve("lr"), "2", "--threads", "-1")).failsWith(2, "--threads");
        run("train-gan", "@" + dir.resolve("no-such.args")).failsWith(2, "argument file", "does not exist");
        Path noNegative = dir.resolve("no-negative.csv");
        Files.write(noNegative, Files.readAllLines(data.resolve("labels.csv")).stream()
                .filter(l -> !l.contains("landscape-negative")).toList());
        run(tinyGan(dir.resolve("missing"), "2", "--labels", noNegative.toString()))
                .failsWith(1, "landscape has no negative paintings", "--allow-missing-emotions");
        run(tinyGan(dir.resolve("missing"), "2", "--labels", noNegative.toString(), "--allow-missing-emotions"))
                .succeeds();
        Jar.Run epochs = run(tinyGan(dir.resolve("epochs"), "1", "--epochs", "2"));
        epochs.succeeds();
        // 12 landscape paintings, batch 4: 2 passes are 6 steps
        assertTrue(epochs.out().contains("6 steps of 4 (2.0 passes over the images)"), epochs::toString);
    }

    @Test
    void theR1PenaltyTrainsReportsTheSlopeAndIsRecordedInTheBundle() throws Exception {
        Path r = dir.resolve("r1");
        Jar.Run t = run(tinyGan(r, "2", "--conditioning", "projection", "--r1", "0.5")).succeeds();
        assertTrue(t.out().contains("R1 at step 2: mean |grad D(x)|^2 on real paintings "), t::toString);
        Path bundle = dir.resolve("r1-models/generator-landscape");
        run("export-gan", r.toString(), "--out", bundle.toString()).succeeds();
        String meta = Files.readString(bundle.resolve("1/assets.extra/emotion-art.json"));
        assertTrue(meta.contains("\"r1\" : 0.5") && meta.contains(" --r1 0.5 "), meta);
        run(tinyGan(dir.resolve("r1-concat"), "2", "--r1", "1"))
                .failsWith(2, "--r1 needs --conditioning projection");
        run(tinyGan(dir.resolve("r1-bad"), "2", "--conditioning", "projection", "--r1", "-1"))
                .failsWith(2, "--r1 -1.0 is out of range: allowed 0 (none) to 1000");
        assertFalse(Files.exists(dir.resolve("r1-concat")) || Files.exists(dir.resolve("r1-bad")),
                "nothing written for a refused run");
    }

    @Test
    void conditionalBatchNormTrainsExportsPaintsAndIsPartOfTheArchitecture() throws Exception {
        Path models = trainsExportsPaintsAndIsPartOfTheArchitecture("cbn", "--g-cbn",
                "\"generatorConditioning\" : \"one-hot input and class-conditional batch norm\"", "conditional-bn");
        // judged against real paintings: evaluate reads the image size from the bundle's signature
        Path real = dir.resolve("cbn-real");
        run("synth", "--out", real.toString(), "--per-class", "8", "--size", "32", "--styles", "landscape").succeeds();
        Jar.Run e = run("evaluate", "--generator", models.resolve("generator-landscape").toString(), "--classifier",
                "savedmodels/classifier", "--per-emotion", "4", "--data", real.toString(), "--out",
                dir.resolve("cbn-eval").toString()).succeeds();
        assertTrue(Files.isRegularFile(dir.resolve("cbn-eval/real-beside-generated.png")), e::toString);
    }

    @Test
    void theFullResolutionLayerBeforeTheColoursTrainsExportsPaintsAndIsPartOfTheArchitecture() throws Exception {
        trainsExportsPaintsAndIsPartOfTheArchitecture("rgb", "--g-rgb-conv",
                "\"generatorColours\" : \"3x3 convolution from 1 hidden channel at full resolution\"", "rgb-conv");
    }

    @Test
    void theDiscriminatorsMinibatchSpreadTrainsExportsPaintsAndIsPartOfTheArchitecture() throws Exception {
        trainsExportsPaintsAndIsPartOfTheArchitecture("mbstd", "--d-minibatch-std",
                "\"discriminatorExtras\" : \"minibatch standard deviation at 4x4 (training only)\"", "minibatch-std");
    }

    /**
     * A resize generator with the architecture option {@code option}: trained, exported with {@code metadata}
     * in its bundle and the option in its retrain command, painted by generate; its run refuses to resume
     * without the option (naming {@code summaryWord}) and resumes with it. Returns the models folder.
     */
    private static Path trainsExportsPaintsAndIsPartOfTheArchitecture(String name, String option, String metadata,
                                                                       String summaryWord) throws Exception {
        Path r = dir.resolve(name);
        run(tinyGan(r, "2", "--g-upsample", "resize", option)).succeeds();
        Path models = dir.resolve(name + "-models");
        run("export-gan", r.toString(), "--out", models.resolve("generator-landscape").toString()).succeeds();
        String meta = Files.readString(models.resolve("generator-landscape/1/assets.extra/emotion-art.json"));
        assertTrue(meta.contains(metadata) && meta.contains(" --g-upsample resize " + option + " "), meta);
        Path out = dir.resolve(name + "-out");
        Jar.Run g = run("generate", "landscape", "negative", "2", "--models", models.toString(), "--out", out.toString())
                .succeeds();
        try (Stream<Path> pngs = Files.list(out)) {
            assertTrue(pngs.filter(p -> p.getFileName().toString().endsWith(".png")).count() >= 2, g::toString);
        }
        run(tinyGan(r, "4", "--g-upsample", "resize", "--resume"))
                .failsWith(1, "holds a checkpoint of another architecture", summaryWord, "use the same settings");
        Jar.Run resumed = run(tinyGan(r, "4", "--g-upsample", "resize", option, "--resume")).succeeds();
        assertTrue(Files.isDirectory(r.resolve("checkpoints/step-00000004")), resumed::toString);
        return models;
    }

    @Test
    void resumeAfterAKillKeepsTheLossLogAndTheCheckpointsInStep() throws Exception {
        Path r = dir.resolve("resume");
        run(tinyGan(r, "4")).succeeds();
        // what a kill -9 between writing loss.csv and renaming the checkpoint of step 4 into place leaves
        FileTrees.delete(r.resolve("checkpoints/step-00000004"));
        run(tinyGan(r, "6", "--resume")).succeeds();
        List<String> steps = Files.readAllLines(r.resolve("loss.csv")).stream().skip(1)
                .map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), steps, "every step once, none lost");

        // a loss log that is not one: the line and what to do, not a NumberFormatException
        Files.writeString(r.resolve("loss.csv"), "step,d_loss,g_loss,d_real,d_fake\n1,0.5,0.5,0.5,0.5\n2,x,0,0,0\n");
        run(tinyGan(r, "8", "--resume")).failsWith(1, "loss.csv line 3 is not a loss row", "--resume again");

        // a truncated checkpoint: which one, and the one before it
        Files.writeString(r.resolve("loss.csv"), "step,d_loss,g_loss,d_real,d_fake\n");
        Path data = Files.list(r.resolve("checkpoints/step-00000006")).filter(p -> p.getFileName().toString()
                .startsWith("ckpt.data")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        run(tinyGan(r, "8", "--resume")).failsWith(1, "checkpoint", "step-00000006 cannot be read",
                "the one before it is step-00000004");
    }

    @Test
    void trainClassifierLabelAndImportTorchAsTheUserRunsThem() throws Exception {
        Path cls = dir.resolve("cls-run");
        Path bundle = dir.resolve("cls-models/classifier");
        run("train-classifier", "--data", data.toString(), "--backbone", "compact", "--size", "16", "--epochs", "1",
                "--batch", "8", "--out", cls.toString(), "--export", bundle.toString()).succeeds();
        assertTrue(Files.isRegularFile(bundle.resolve("1/saved_model.pb")));
        // weights that do not fit the network are refused before any image is read or file written
        Path wrong = dir.resolve("cls-wrong-weights");
        run("train-classifier", "--data", data.toString(), "--backbone", "vgg16", "--width", "8", "--size", "32",
                "--weights", org.emotionart.TinyModels.keras(org.emotionart.TinyModels.W4).toString(), "--out",
                wrong.toString()).failsWith(1, "does not fit the network",
                "block1_conv1 kernel is [3, 3, 3, 4] but the network needs [3, 3, 3, 8]");
        assertFalse(Files.exists(wrong.resolve("config.json")) || Files.exists(wrong.resolve("split.json")));
        try (Stream<Path> events = Files.list(cls.resolve("tensorboard"))) {
            assertTrue(events.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents.")));
        }

        Path manifest = dir.resolve("labels/manifest.csv");
        Jar.Run l = run("label", data.toString(), "--classifier", bundle.toString(), "--out", manifest.toString())
                .succeeds();
        assertEquals(48 + 1, Files.readAllLines(manifest).size(), l::toString);
        assertEquals(List.of("path,reason"), Files.readAllLines(dir.resolve("labels/manifest-broken.csv")),
                "the broken list is written when nothing is broken, as --help says");
        assertTrue(l.out().contains("48 images: 48 labelled now"), l::toString);
        byte[] labelled = Files.readAllBytes(manifest);
        Jar.Run again = run("label", data.toString(), "--classifier", bundle.toString(), "--out", manifest.toString(),
                "--threads", "0").succeeds();
        assertTrue(again.out().startsWith("48 images: 0 labelled now, 48 already in the manifest (skipped), 0 broken now"),
                again::toString);
        assertArrayEquals(labelled, Files.readAllBytes(manifest), "a finished manifest is left as it was");
        run("label", data.toString(), "--classifier", bundle.toString(), "--out", manifest.getParent().toString())
                .failsWith(2, "--out " + manifest.getParent() + " is a folder, not a file");

        Path torch = Jar.REPO.resolve("src/test/resources/fixtures/seed-generator-hd8/generator.pth");
        Path imported = dir.resolve("torch/generator-landscape");
        Jar.Run importRun = run("import-torch", torch.toString(), "--style", "landscape", "--out", imported.toString()).succeeds();
        assertTrue(Files.isRegularFile(imported.resolve("1/saved_model.pb")));
        assertTrue(importRun.out().contains("PyTorch state_dict, 25 tensors, 149,344 values"), importRun::toString);
        assertTrue(importRun.out().contains("widths 64-32-16-8 (hidden_dim 8)"), importRun::toString);
        run("import-torch", dir.resolve("none.pth").toString(), "--style", "landscape", "--out", imported.toString())
                .failsWith(2, "no such file");
    }

    @Test
    void serveAnswersHealthAndSaysWhenItCannotListen() throws Exception {
        // a host this machine cannot listen on is a wrong command line, said before any bundle loads
        assertEquals("", run("serve", "--host", "203.0.113.7", "--port", "0")
                .failsWith(2, "--host 203.0.113.7 is not an address of this machine").out());
        for (String host : List.of("999.1.1.1", "nosuch.invalid")) {
            assertEquals("", run("serve", "--host", host, "--port", "0")
                    .failsWith(2, "--host " + host + " is neither an IP address nor a host name that resolves").out());
        }
        run("serve", "--host", "", "--port", "0").failsWith(2, "--host is empty");
        run("serve", "--port", "70000").failsWith(2, "--port");

        List<String> command = List.of(Jar.javaBinary(), "-jar", Jar.JAR.toString(), "serve", "--port", "0");
        Path out = dir.resolve("serve.out");
        Process p = new ProcessBuilder(command).directory(Jar.REPO.toFile()).redirectOutput(out.toFile())
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            String url = null;
            for (int i = 0; i < 600 && url == null && p.isAlive(); i++) {
                Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(Files.readString(out));
                url = m.find() ? m.group(1) : null;
                Thread.sleep(100);
            }
            assertTrue(url != null, "serve printed its address: " + Files.readString(out));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"ok\"") && health.body().contains("\"styles\":4"), health.body());
            // the page is in the command's jar, and the API paints what the command paints
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
            HttpResponse<String> painted = http.send(HttpRequest.newBuilder(URI.create(url + "api/generate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"style\":\"landscape\",\"emotion\":\"positive\",\"count\":2,\"seed\":7}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, painted.statusCode(), painted.body());
            Matcher png = Pattern.compile("\"png\":\"([A-Za-z0-9+/=]+)\"").matcher(painted.body());
            Path cli = dir.resolve("serve-cli");
            run("generate", "landscape", "positive", "2", "--seed", "7", "--out", cli.toString()).succeeds();
            for (int i = 0; i < 2; i++) {
                assertTrue(png.find(), painted.body());
                BufferedImage web = ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(png.group(1))));
                assertArrayEquals(pixels(ImageIO.read(cli.resolve("landscape-positive-" + (7 + i) + ".png").toFile()), 0, 0),
                        pixels(web, 0, 0), "seed " + (7 + i));
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        }
    }

    @Test
    void benchTrainPrintsItsShareOfAPeakMeasuredInTheSameRun() throws Exception {
        Jar.Run r = run("bench", "train", "--g-width", "2", "--d-width", "2", "--batch", "4", "--steps", "2",
                "--warmup", "1").succeeds();
        String last = r.outLines().get(r.outLines().size() - 1);
        assertTrue(last.matches(".*peak_gflop_per_s=\\d+.*peak_pct=\\d+\\.\\d.*"), r::toString);
        run("bench", "frobnicate").failsWith(2, "frobnicate");
    }

    @Test
    void oneBadInputPerCommandIsOneLineWithoutJavaInternals() throws Exception {
        String none = dir.resolve("none").toString();
        // a wrong command line is exit 2 with one line that names what was wrong
        List<List<String>> bad = List.of(
                List.of("Missing required parameter: 'IMAGE'", "classify"),
                List.of("--data " + none + " is not a folder", "train-classifier", "--data", none, "--out", none),
                List.of("data folder not found: " + none, "label", none, "--classifier", "savedmodels/classifier",
                        "--out", none + "/m.csv"),
                List.of("--generator: no bundle at " + none + ": the folder does not exist", "evaluate", "--generator",
                        none, "--classifier", "savedmodels/classifier"),
                List.of("WikiArt Emotions file " + none + " does not exist", "data", "emotions", none),
                List.of("data folder not found: " + none, "bench", "data", none),
                List.of("invalid value for --batch: 0 (allowed: 1..1024)", "bench", "generate", "--batch", "0"),
                List.of("unknown --backbone 'resnet': allowed compact, vgg16", "bench", "classify", "--backbone", "resnet"),
                List.of("Unknown options: '--port', '-3'", "bench", "serve", "--port", "-3"),
                List.of(none + " is not a folder", "calibrate-domain", "--data", none, "--heldout", none));
        for (List<String> c : bad) {
            run(c.subList(1, c.size()).toArray(String[]::new)).failsWith(2, c.get(0));
        }
    }
}
