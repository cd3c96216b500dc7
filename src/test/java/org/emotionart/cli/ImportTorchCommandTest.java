package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.torch.TorchFixture;
import org.emotionart.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportTorchCommandTest {
    @TempDir
    Path dir;

    @Test
    void importsTheFixtureGenerator() {
        Path out = dir.resolve("savedmodels/generator-seed");
        CliRun r = CliRun.of("import-torch", TorchFixture.generator().toString(), "--style", "seed", "--out", out.toString(),
                "--model-version", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("read " + TorchFixture.generator() + ": PyTorch state_dict, 25 tensors, 149,344 values"),
                r.out());
        assertTrue(r.out().contains("generator: 64 px, z 100 + 3 emotions, widths 64-32-16-8 (hidden_dim 8), "
                + "num_batches_tracked 1234"), r.out());
        assertTrue(r.out().contains("batch norm: running statistics (inference mode)"), r.out());
        assertTrue(r.out().contains("exported " + out.resolve("3")), r.out());
        BundleMetadata meta = Json.read(out.resolve("3").resolve(BundleMetadata.FILE), BundleMetadata.class);
        assertEquals("seed", meta.style());
        assertTrue(Files.exists(dir.resolve("savedmodels/models.config")));
    }

    @Test
    void batchStatsAreOptInAndExplained() {
        CliRun help = CliRun.of("import-torch", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--batch-stats"), help.out());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("An image then depends on the other images generated "
                + "in the same batch"), help.out());
        CliRun r = CliRun.of("import-torch", TorchFixture.generator().toString(), "--style", "seed", "--out",
                dir.resolve("generator-seed").toString(), "--batch-stats");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("batch norm: batch statistics of each request"), r.out());
    }

    @Test
    void aFileThatIsNotAStateDictFailsWithOneLineAndWritesNothing() throws IOException {
        Path bad = Files.writeString(dir.resolve("netG_x_64.weight"), "hello");
        Path out = dir.resolve("savedmodels/generator-x");
        CliRun r = CliRun.of("import-torch", bad.toString(), "--style", "x", "--out", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("emotion-art import-torch: error: " + bad + " is not a PyTorch zip archive"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void usageErrorsExitWith2() {
        CliRun noStyle = CliRun.of("import-torch", TorchFixture.generator().toString(), "--out", dir.toString());
        assertEquals(2, noStyle.exit());
        assertTrue(noStyle.err().contains("Missing required option: '--style=STYLE'"), noStyle.err());
        CliRun badVersion = CliRun.of("import-torch", TorchFixture.generator().toString(), "--style", "s", "--out",
                dir.resolve("m").toString(), "--model-version", "0");
        assertEquals(2, badVersion.exit());
        assertTrue(badVersion.err().contains("invalid value for --version: 0"), badVersion.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }
}
