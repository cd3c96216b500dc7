package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.TestBundles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, interpolate, models and inspect on tiny real bundles. */
class UseCommandsTest {
    @TempDir
    static Path dir;
    static String models;

    @BeforeAll
    static void bundles() throws Exception {
        models = TestBundles.shared().toString();
    }

    @Test
    void generateWritesNPngsAndAGridAndTheSameSeedGivesTheSameBytes() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun r = CliRun.of("generate", "landscape", "positive", "3", "--seed", "7", "--models", models, "--out", a.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> printed = r.out().lines().toList();
        assertEquals(4, printed.size(), r.out());
        assertTrue(printed.get(3).endsWith("landscape-positive-grid.png"));
        for (String p : printed) {
            assertTrue(Files.size(Path.of(p)) > 0, p);
        }
        assertEquals(0, CliRun.of("generate", "landscape", "positive", "3", "--seed", "7", "--models", models, "--out",
                b.toString()).exit());
        for (String name : List.of("landscape-positive-7.png", "landscape-positive-8.png", "landscape-positive-9.png")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        }
    }

    @Test
    void generateRejectsBadInputWithOneLineAndExitCode2() {
        CliRun style = CliRun.of("generate", "cubism", "positive", "3", "--models", models);
        assertEquals(2, style.exit());
        assertTrue(style.err().contains("no generator for style 'cubism'") && style.err().contains("available landscape, portrait"),
                style.err());
        assertEquals(1, style.err().lines().count(), style.err());
        CliRun emotion = CliRun.of("generate", "landscape", "happy", "3", "--models", models);
        assertEquals(2, emotion.exit());
        assertTrue(emotion.err().contains("allowed negative, neutral, positive"), emotion.err());
        CliRun count = CliRun.of("generate", "landscape", "neutral", "0", "--models", models);
        assertEquals(2, count.exit());
        assertTrue(count.err().contains("allowed: 1..64"), count.err());
        CliRun noModels = CliRun.of("generate", "landscape", "neutral", "2", "--models", dir.resolve("nowhere").toString());
        assertEquals(2, noModels.exit());
        assertTrue(noModels.err().contains("models folder not found"), noModels.err());
        assertTrue(!noModels.err().contains("\tat "), "no stack trace: " + noModels.err());
    }

    @Test
    void interpolateWritesAStripAndAGif() throws Exception {
        CliRun r = CliRun.of("interpolate", "landscape", "--seed", "3", "--steps", "5", "--models", models, "--out",
                dir.resolve("walk").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(dir.resolve("walk/landscape-walk-3.png")) > 0);
        byte[] gif = Files.readAllBytes(dir.resolve("walk/landscape-walk-3.gif"));
        assertEquals("GIF89a", new String(gif, 0, 6));
    }

    @Test
    void modelsListsTheBundlesAndInspectShowsSignatures() {
        CliRun m = CliRun.of("models", "--models", models);
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("generator-landscape") && m.out().contains("classifier"), m.out());
        assertTrue(m.out().contains("tiny test data"), m.out());
        CliRun i = CliRun.of("inspect", models + "/generator-landscape");
        assertEquals(0, i.exit(), i.err());
        String out = i.out();
        assertTrue(out.contains("MetaGraphDef with tag-set: 'serve'"), out);
        assertTrue(out.contains("signature_def['serving_default']"), out);
        assertTrue(out.contains("inputs['seed'] tensor_info:\n        dtype: DT_INT64\n        shape: (-1)"), out);
        assertTrue(out.contains("outputs['images'] tensor_info:\n        dtype: DT_UINT8\n        shape: (-1, 16, 16, 3)"), out);
        assertTrue(out.contains("signature_def['generate_from_z']") && out.contains("signature_def['generate_blend']"), out);
        CliRun c = CliRun.of("inspect", models + "/classifier");
        assertTrue(c.out().contains("inputs['image_bytes'] tensor_info:\n        dtype: DT_STRING"), c.out());
        assertEquals(2, CliRun.of("inspect", dir.toString()).exit());
    }
}
