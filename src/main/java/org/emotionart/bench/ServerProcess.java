package org.emotionart.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emotionart.EmotionArtException;

/**
 * A server started as a child process for a load run: its output (stdout and stderr together) is
 * read until a line says where it listens, then drained in the background (the access log);
 * {@link #close()} stops it (asks, waits 20 s, then kills).
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String readyLine;
    private final URI url;

    private ServerProcess(Process process, String readyLine, URI url) {
        this.process = process;
        this.readyLine = readyLine;
        this.url = url;
    }

    /**
     * Starts {@code command} and waits up to 120 s for a line that {@code ready} finds, its group 1
     * being the server's URL.
     *
     * @throws EmotionArtException with what the server printed, if it ends or stays silent before that
     */
    public static ServerProcess start(List<String> command, Pattern ready) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return awaitUrl(process, ready);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** The line in which the server said where it listens. */
    public String readyLine() {
        return readyLine;
    }

    public URI url() {
        return url;
    }

    /** Reads the server's output until it says where it listens; then keeps draining it (the access log). */
    private static ServerProcess awaitUrl(Process server, Pattern ready) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = ready.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the access log: one line per request, not needed here
                        }
                    } catch (IOException ignored) {
                        // the server stopped
                    }
                }, "bench-serve-drain");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(server, line, URI.create(m.group(1)));
            }
        }
        throw new EmotionArtException("the server did not start:\n" + String.join("\n", seen));
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
