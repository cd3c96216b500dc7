package org.emotionart.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the packaged command as a user does: {@code java -jar target/emotion-art.jar ARGS} in its own
 * process, with stdout and stderr going to files (pipes, not a terminal, as in {@code | wc -c}).
 */
final class Jar {
    /** The jar that {@code mvn package} built (failsafe passes its path). */
    static final Path JAR = Path.of(System.getProperty("emotionart.jar", "target/emotion-art.jar")).toAbsolutePath();
    /** The repository root: the shipped savedmodels/ and the README's commands are relative to it. */
    static final Path REPO = Path.of("").toAbsolutePath();

    /**
     * TensorFlow's native log lines, which the README's {@code TF_CPP_MIN_LOG_LEVEL=2} does not silence
     * all of (absl's before-initialisation notice and a few lines it prints through absl); they are
     * TensorFlow's, not the command's, so assertions on stderr leave them out.
     */
    private static final Pattern TF_LOG = Pattern.compile(
            "^(WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to STDERR"
                    + "|[IWEF]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+\\s+\\d+ .*"
                    + "|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWEF] .*"
                    + "|To enable the following instructions: .*)$");

    /** A progress bar's line ("train landscape  50% [====    ] 8/16 img ..."): progress, not a message. */
    private static final Pattern PROGRESS = Pattern.compile("\\d+% \\[[= >]*\\] ");

    private Jar() {
    }

    /** What a run left: exit code, stdout, stderr (TensorFlow's log lines removed) and its folder. */
    record Run(List<String> command, int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** Exit {@code code} with one line on stderr that says what was wrong, and no Java internals. */
        Run failsWith(int code, String... phrases) {
            assertEquals(code, exit, this::toString);
            assertEquals(1, errLines().size(), () -> "expected one line on stderr: " + this);
            String line = errLines().get(0);
            for (String p : phrases) {
                assertTrue(line.contains(p), () -> "'" + p + "' not in: " + line);
            }
            assertClean(line);
            return this;
        }

        /** Exit 0, nothing on stderr but TensorFlow's lines and progress bars. */
        Run succeeds() {
            assertEquals(0, exit, this::toString);
            for (String line : errLines()) {
                assertClean(line);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n-> exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    static void assertClean(String line) {
        assertFalse(line.contains("Exception"), () -> "an exception's name on stderr: " + line);
        assertFalse(line.contains("\tat ") || line.startsWith("at org."), () -> "a stack trace on stderr: " + line);
        assertFalse(line.contains("NullPointer") || line.contains("null:"), () -> "a null on stderr: " + line);
    }

    static Run run(String... args) throws IOException, InterruptedException {
        return runIn(REPO, Map.of(), 300, args);
    }

    static Run runIn(Path cwd, Map<String, String> env, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("emotion-art-e2e-", ".out");
        Path err = Files.createTempFile("emotion-art-e2e-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2"); // as the README runs it
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8).lines()
                    .map(l -> l.replaceAll(".*\r", "")) // progress bars redraw with \r: keep what stayed
                    .filter(l -> !TF_LOG.matcher(l).matches() && !PROGRESS.matcher(l).find() && !l.isBlank())
                    .reduce("", (a, b) -> a + b + "\n");
            return new Run(command.subList(3, command.size()), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), stderr);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
