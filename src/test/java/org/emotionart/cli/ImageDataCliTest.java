package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code data stats} and {@code bench data}: output and exit codes. */
class ImageDataCliTest {
    @TempDir
    Path root;

    private record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private void image(String relative, Color colour) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 24, 20);
        g.dispose();
        ImageIO.write(img, relative.endsWith(".png") ? "png" : "jpeg", file.toFile());
    }

    private void makeData() throws Exception {
        image("landscape/a.jpg", Color.RED);
        image("landscape/b.png", Color.GREEN);
        image("landscape/c.jpg", Color.BLUE);
        Files.writeString(root.resolve("landscape/broken.jpg"), "not an image");
        image("abstract/x.png", Color.BLACK);
    }

    @Test
    void statsCountsReadableImagesPerStyleAndListsBrokenFiles() throws Exception {
        makeData();
        Result r = run("data", "stats", root.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).matches("style\\s+images\\s+broken"), lines.get(0));
        assertTrue(lines.get(1).matches("abstract\\s+1\\s+0"), lines.get(1));
        assertTrue(lines.get(2).matches("landscape\\s+3\\s+1"), lines.get(2));
        assertTrue(lines.get(3).matches("total \\(2 styles\\)\\s+4\\s+1"), lines.get(3));
        assertTrue(r.out().contains("landscape/broken.jpg: not an image in a format this program reads"), r.out());
        assertTrue(Files.exists(root.resolve(".emotion-art-cache/landscape-64.bin")), "caches at size 64");
    }

    @Test
    void statsWithLabelsCountsPerEmotion() throws Exception {
        makeData();
        Path labels = Files.writeString(root.resolve("labels.csv"), "path,style,emotion\n"
                + "landscape/a.jpg,landscape,negative\nlandscape/b.png,landscape,positive\n"
                + "landscape/broken.jpg,landscape,neutral\nsketch/s.jpg,sketch,neutral\n");
        Result r = run("data", "stats", root.toString(), "--labels", labels.toString(), "--size", "32");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).matches("style\\s+images\\s+broken\\s+negative\\s+neutral\\s+positive\\s+unlabelled"),
                lines.get(0));
        assertTrue(lines.get(2).matches("landscape\\s+3\\s+1\\s+1\\s+0\\s+1\\s+1"), lines.get(2));
        assertTrue(r.out().contains("names styles with no folder here: sketch"), r.out());
        assertTrue(Files.exists(root.resolve(".emotion-art-cache/landscape-32.bin")));
    }

    @Test
    void badDataFoldersAreOneLineErrorsWithTheExitCodeOfTheRule() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        Path noImages = Files.createDirectories(root.resolve("no-images/landscape"));
        for (String[] args : List.of(
                new String[] {"data", "stats", root.resolve("missing").toString()},
                new String[] {"data", "stats", empty.toString()},
                new String[] {"data", "stats", file.toString()},
                new String[] {"data", "stats", noImages.getParent().toString()},
                new String[] {"bench", "data", root.resolve("missing").toString()},
                new String[] {"bench", "data", empty.toString()},
                new String[] {"bench", "data", noImages.getParent().toString()})) {
            Result r = run(args);
            // a path that names nothing or a file is a wrong command line (2); a folder without images, a failure (1)
            boolean wrongPath = args[args.length - 1].endsWith("missing") || args[args.length - 1].endsWith("file.txt");
            assertEquals(wrongPath ? 2 : 1, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(wrongPath ? "-- see '" : ": error: "), r.err());
            String last = args[args.length - 1];
            String says = last.endsWith("missing") ? "data folder not found: " + last
                    : last.endsWith("file.txt") ? "not a folder: " + last
                    : last.equals(empty.toString()) ? "no style folders in " + last
                    : "no images (.jpg, .jpeg, .png) in the style folders of " + last + " (styles found: landscape)";
            assertTrue(r.err().contains(says), says + " not in: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void aLabelsFileThatIsADeviceIsAWrongCommandLine() throws Exception {
        makeData();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path link = Files.createSymbolicLink(root.resolve("labels.csv"), Path.of("/dev/zero"));
        Result r = run("data", "stats", root.toString(), "--labels", link.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("emotion-art data stats: --labels " + link
                + " is not a regular file (a device or a pipe?): give a file"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        makeData();
        Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(new String[] {"data", "stats"}, "Missing required parameter: 'DIR'");
        cases.put(new String[] {"data", "stats", root.toString(), "--size", "0"}, "invalid value for --size: 0 (allowed: 8..1024)");
        cases.put(new String[] {"data", "stats", root.toString(), "--size", "big"}, "'big' is not an int");
        cases.put(new String[] {"bench", "data", root.toString(), "--sample", "0"}, "--sample, --batches and --step-ms must be positive");
        cases.put(new String[] {"bench", "data", root.toString(), "--bogus"}, "Unknown option: '--bogus'");
        for (var c : cases.entrySet()) {
            Result r = run(c.getKey());
            assertEquals(2, r.code(), String.join(" ", c.getKey()));
            assertTrue(r.err().contains(c.getValue()), c.getValue() + " not in: " + r.err());
        }
    }

    @Test
    void benchDataEndsWithAMachineReadableLine() throws Exception {
        makeData();
        Result r = run("bench", "data", root.toString(), "--size", "16", "--batches", "5");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.outLines();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("decode_img_per_s=[0-9.]+ cache_img_per_s=[0-9.]+ batch64_ms=[0-9.]+ "
                + "batch64_step_pct=[0-9.]+ size=16 images=5 broken=1 threads=[0-9]+"), last);
        assertFalse(Files.exists(root.resolve(".emotion-art-cache")), "the user's caches are not touched");
    }
}
