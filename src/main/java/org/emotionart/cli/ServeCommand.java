package org.emotionart.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.emotionart.EmotionArtException;
import org.emotionart.api.EmotionArt;
import org.emotionart.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emotion-art serve}: the web page and the HTTP API over a savedmodels folder. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web page (generate, download, emotion walk, classify an upload) and the HTTP API "
                + "(POST /api/generate, /api/walk, /api/classify; GET /api/models, /health).",
                "Loads every bundle of --models once at start, then prints one line per request "
                        + "(time, method, path, status, ms). Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {
    /**
     * How the launcher (bin/emotion-art serve) and bench serve run the server's JVM: a 1 GiB heap and a
     * G1 collection every 10 s when idle, which hands a burst's heap back (RSS 731 MB at the end of a
     * 256-client burst, 563 MB a minute later, against 610 MB warm; without it 799 MB stayed).
     */
    static final String HEAP = "1g";
    static final int PERIODIC_GC_MS = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). "
                    + "0.0.0.0 opens it to the network: there is no authentication.")
    String host;
    @Option(names = "--models", defaultValue = "${sys:emotionart.models:-savedmodels}", paramLabel = "DIR",
            description = "Bundles folder (default: ${DEFAULT-VALUE}).")
    Path models;
    @Option(names = "--max-upload-mb", defaultValue = "10", paramLabel = "MB",
            description = "Largest image /api/classify accepts, in MiB (default: ${DEFAULT-VALUE}).")
    int maxUploadMb;
    @Option(names = "--workers", paramLabel = "N",
            description = "Model calls at once; more wait their turn (default: the number of cores, at least 2).")
    Integer workers;
    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "A host name requests may name besides the bound address and localhost (e.g. a reverse "
                    + "proxy's); repeatable. Requests naming any other Host get 403 (DNS rebinding).")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Checks.range(spec, "--port", port, 0, 65535);
        Checks.range(spec, "--max-upload-mb", maxUploadMb, 1, 1024);
        checkHost();
        WebServer.Options options = WebServer.Options.defaults().withHost(host).withPort(port)
                .withMaxUploadBytes((long) maxUploadMb << 20).withAllowedHosts(allowedHosts);
        if (workers != null) {
            Checks.range(spec, "--workers", workers, 1, 256);
            options = options.withWorkers(workers);
        }
        try (EmotionArt art = EmotionArt.open(models)) {
            preload(art);
            CountDownLatch stopped = new CountDownLatch(1);
            WebServer server = WebServer.start(art, options, this::logLine);
            out().println("emotion-art serve: " + org.emotionart.web.InferencePriority.lower());
            Thread hook = new Thread(() -> {
                out().println("emotion-art serve: stopping");
                server.close();
                stopped.countDown();
            }, "emotion-art-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (!isLoopback(host)) {
                err().println("emotion-art serve: warning: listening on " + host + ", reachable from the network; "
                        + "the server has no authentication");
            }
            out().println("emotion-art serve: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + server.port() + "/ (styles: " + (art.styles().isEmpty() ? "none" : String.join(", ", art.styles()))
                    + "; classifier: " + (hasClassifier(art) ? "yes" : "no") + "; Ctrl-C stops)");
            out().flush();
            stopped.await();
        }
        return 0;
    }

    /** Loads every bundle now: the first request is not slow, and a broken bundle shows at start. */
    private void preload(EmotionArt art) {
        List<String> styles = art.styles();
        for (String style : styles) {
            long t0 = System.nanoTime();
            try {
                art.generator(style);
                out().printf("emotion-art serve: loaded generator-%s in %d ms%n", style, (System.nanoTime() - t0) / 1_000_000);
            } catch (EmotionArtException e) {
                err().println("emotion-art serve: warning: style " + style + " is unavailable: " + e.getMessage());
            }
        }
        if (hasClassifier(art)) {
            long t0 = System.nanoTime();
            try {
                art.classifier();
                out().printf("emotion-art serve: loaded classifier in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            } catch (EmotionArtException e) {
                err().println("emotion-art serve: warning: the classifier is unavailable: " + e.getMessage());
            }
        }
        if (styles.isEmpty()) {
            err().println("emotion-art serve: warning: no generator bundles (generator-<style>/) in " + art.root());
        }
    }

    /**
     * {@code --host}: an address of this machine, a name that resolves to one, or 0.0.0.0 / :: (all of
     * them); anything else is a usage error, said before any bundle loads.
     */
    private void checkHost() {
        String allowed = "use 127.0.0.1 for this machine only, or 0.0.0.0 for all its addresses";
        if (host.isBlank()) {
            throw Checks.usage(spec, "--host is empty: " + allowed);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw Checks.usage(spec, "--host " + host + " is neither an IP address nor a host name that resolves ("
                    + allowed + ")");
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            local = true; // the interfaces cannot be listed: let the server try, and say why it cannot listen
        }
        if (!local) {
            throw Checks.usage(spec, "--host " + host + " is not an address of this machine (" + allowed + ")");
        }
    }

    private static boolean hasClassifier(EmotionArt art) {
        return java.nio.file.Files.isDirectory(art.root().resolve(EmotionArt.CLASSIFIER));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** One access-log line, from the server's threads. */
    private void logLine(String line) {
        out().println(OffsetDateTime.now().format(TIME) + " " + line);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
