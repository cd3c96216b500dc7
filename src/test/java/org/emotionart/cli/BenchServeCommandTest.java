package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.emotionart.TestBundles;
import org.emotionart.api.EmotionArt;
import org.emotionart.web.WebServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchServeCommandTest {
    @Test
    void aShortRunAgainstAServerOnThisMachineReportsNoErrors() throws Exception {
        try (EmotionArt art = EmotionArt.open(TestBundles.shared());
             WebServer server = WebServer.start(art, WebServer.Options.defaults().withPort(0), line -> { })) {
            PrintStream before = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                exit = Main.run("bench", "serve", "--url", server.url().toString(), "--requests", "12", "--clients", "3",
                        "--count", "4", "--classify-every", "3", "--warmup", "2", "--settle-seconds", "1");
            } finally {
                System.setOut(before);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, text);
            List<String> lines = text.strip().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("mode=serve requests=12 clients=3 count=4 errors=0 "), last);
            assertTrue(text.contains("generate 4 images: n=8 "), text);
            assertTrue(text.contains("classify 1 image: n=4 "), text);
            assertTrue(text.contains("server RSS (MB): at start "), text);
            assertTrue(text.contains("GET /health every 20 ms during the run: n="), text);
            assertTrue(last.contains(" health_p99_ms="), last);
            assertTrue(text.contains("waiting 1 s with no requests"), text);
            java.util.regex.Matcher settled = java.util.regex.Pattern.compile(
                    "server RSS 1 s after the run: (\\d+) MB \\([+-][0-9.]+ % of the \\d+ MB after warm-up\\)").matcher(text);
            assertTrue(settled.find(), text);
            assertTrue(last.contains(" rss_settled_mb=" + settled.group(1) + " "), last);
            assertTrue(last.matches(".* rss_peak_mb=\\d+ .*"), "the probe read the RSS from /health: " + last);
        }
    }

    @Test
    void refusesServersElsewhere() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("bench", "serve", "--url", "http://192.0.2.1:8080/"));
        assertTrue(err.toString().contains("--url must be a server on this machine"), err.toString());
    }
}
