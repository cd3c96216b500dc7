package org.emotionart.e2e;

import static org.emotionart.e2e.Jar.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: a 300 KiB tmpfs (where this machine lets the tests mount one, as root in a
 * container usually can; skipped elsewhere). generate says how many paintings it wrote and that the disk
 * is full; a checkpoint that does not fit says so and leaves no half-written folder.
 */
class DiskFullIT {
    @TempDir
    static Path dir;
    static Path small;
    static boolean mounted;

    @BeforeAll
    static void mountSmallDisk() throws Exception {
        small = Files.createTempDirectory("emotion-art-small-disk"); // not in @TempDir: unmounted, then removed
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", small.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(small);
    }

    @Test
    void generateAndACheckpointOnAFullDiskSaySoAndLeaveNothingHalfWritten() throws Exception {
        assumeTrue(mounted, "cannot mount a small tmpfs here (not root, or no CAP_SYS_ADMIN)");
        Files.write(small.resolve("filler"), new byte[250 * 1024]);
        Path out = small.resolve("paintings");
        Jar.Run g = run("generate", "landscape", "positive", "20", "--out", out.toString());
        g.failsWith(1, "of 20 paintings (listed above)", "the disk is full");
        long listed = g.outLines().size();
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(listed, s.count(), "what it listed is exactly what is there: no temporary files");
        }

        Files.delete(small.resolve("filler"));
        for (Path p : Files.list(out).toList()) {
            Files.delete(p);
        }
        Files.write(small.resolve("filler"), new byte[200 * 1024]);
        Path data = dir.resolve("bench");
        run("synth", "--out", data.toString(), "--per-class", "4", "--size", "32", "--styles", "landscape").succeeds();
        Path runDir = small.resolve("run");
        Jar.Run t = run("train-gan", "--data", data.toString(), "--style", "landscape", "--size", "16", "--g-width", "4",
                "--d-width", "4", "--batch", "4", "--steps", "4", "--checkpoint-every", "2", "--out", runDir.toString());
        t.failsWith(1, "the disk is full", runDir.toString());
        try (Stream<Path> s = Files.walk(runDir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")),
                    "no half-written (hidden temporary) file or folder left behind");
        }
    }
}
