package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's refusals; serving itself is tested over HTTP in org.emotionart.web. */
class ServeCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cl.execute(args));
        return new Run(exit, err.toString());
    }

    /** The error is one line (beside it stderr may hold serve's warnings, e.g. that the folder has no generators). */
    private static void assertOneLine(Run r, String... fragments) {
        assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("emotion-art serve: warning: ")).count(),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in " + r.err());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run port = run("serve", "--port", "70000", "--models", dir.toString());
        assertEquals(2, port.exit());
        assertOneLine(port, "invalid value for --port: 70000 (allowed: 0..65535)");
        Run upload = run("serve", "--max-upload-mb", "0", "--models", dir.toString());
        assertEquals(2, upload.exit());
        assertOneLine(upload, "--max-upload-mb");
    }

    @Test
    void aHostThatIsNotAnAddressOfThisMachineIsAUsageErrorSaidBeforeTheModelsFolderIsLookedAt() {
        String nope = dir.resolve("nope").toString(); // were the folder looked at first, that would be the error
        for (String host : new String[] {"999.1.1.1", "nosuch.invalid"}) {
            Run r = run("serve", "--host", host, "--port", "0", "--models", nope);
            assertEquals(2, r.exit(), r.err());
            assertOneLine(r, "--host " + host + " is neither an IP address nor a host name that resolves",
                    "use 127.0.0.1 for this machine only, or 0.0.0.0");
        }
        Run remote = run("serve", "--host", "203.0.113.7", "--port", "0", "--models", nope);
        assertEquals(2, remote.exit(), remote.err());
        assertOneLine(remote, "--host 203.0.113.7 is not an address of this machine");
        for (String blank : new String[] {"", " "}) {
            Run empty = run("serve", "--host", blank, "--port", "0", "--models", nope);
            assertEquals(2, empty.exit(), empty.err());
            assertOneLine(empty, "--host is empty: use 127.0.0.1");
        }
    }

    @Test
    void missingModelsFolderIsOneLine() {
        Run r = run("serve", "--port", "0", "--models", dir.resolve("nope").toString());
        assertEquals(2, r.exit()); // a path that names nothing: the command line is wrong
        assertOneLine(r, "models folder not found");
    }

    @Test
    void portInUseSaysSo() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run("serve", "--port", String.valueOf(taken.getLocalPort()), "--models", dir.resolve("models").toString());
            assertEquals(1, r.exit());
            assertOneLine(r, "cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port");
        }
    }
}
