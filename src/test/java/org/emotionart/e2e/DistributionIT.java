package org.emotionart.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution {@code mvn package} makes, installed as a user would: unpacked elsewhere, its
 * {@code bin/emotion-art} run from an unrelated folder (and through a symlink on the PATH), finding the
 * shipped models; bash completion loads.
 */
class DistributionIT {
    @TempDir
    static Path dir;

    @Test
    void unpackedAnywhereItGeneratesFromAnyFolderAndCompletionLoads() throws Exception {
        Path archive;
        try (Stream<Path> s = Files.list(Jar.REPO.resolve("target"))) {
            archive = s.filter(p -> p.getFileName().toString().matches("emotion-art-.*-bin\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("mvn package made no target/emotion-art-VERSION-bin.tar.gz"));
        }
        Path install = Files.createDirectories(dir.resolve("opt"));
        assertEquals("0", sh(install, "tar xzf " + archive)[0]);
        Path home;
        try (Stream<Path> s = Files.list(install)) {
            home = s.findFirst().orElseThrow();
        }
        for (String f : List.of("bin/emotion-art", "bin/emotion-art.bat", "README.md", "LICENSE",
                "savedmodels/generator-landscape", "savedmodels/classifier")) {
            assertTrue(Files.exists(home.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/emotion-art")));
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("tensorflow-core-native")));
        }

        Path elsewhere = Files.createDirectories(dir.resolve("somewhere/else"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("emotion-art"), home.resolve("bin/emotion-art"));
        String[] r = sh(elsewhere, "PATH=" + bin + ":$PATH emotion-art generate landscape positive 3 --out out");
        assertEquals("0", r[0], r[1] + r[2]);
        assertEquals(List.of("out/landscape-positive-0.png", "out/landscape-positive-1.png",
                "out/landscape-positive-2.png", "out/landscape-positive-grid.png"), r[1].lines().toList());
        assertTrue(Files.size(elsewhere.resolve("out/landscape-positive-0.png")) > 1000);
        // the second run maps the class-data sharing archive the first wrote, and prints the same
        try (Stream<Path> s = Files.list(dir.resolve("cache/emotion-art"))) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")), "a CDS archive");
        }
        String[] again = sh(elsewhere, "PATH=" + bin + ":$PATH emotion-art generate landscape positive 3 --out out");
        assertEquals(r[1], again[1], again[2]);

        String[] completion = sh(elsewhere, "source <(" + home.resolve("bin/emotion-art")
                + " generate-completion) && complete -p emotion-art");
        assertEquals("0", completion[0], completion[2]);
        assertTrue(completion[1].contains("emotion-art"), completion[1]);
    }

    /** exit code, stdout, stderr of a bash command. */
    private static String[] sh(Path cwd, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(cwd.toFile());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString()); // the launcher's CDS archive
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), command);
        return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8)};
    }
}
