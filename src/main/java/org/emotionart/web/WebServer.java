package org.emotionart.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.emotionart.api.EmotionArt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app: the page (plain HTML/CSS/JS from {@code resources/web}) and the HTTP API over one
 * {@link EmotionArt}. Models are loaded once and shared by all requests (the facade is
 * thread-safe); each request runs on its own Jetty thread and model calls are bounded by an
 * {@link InferenceGate}, so a slow request does not hold up the others.
 *
 * <pre>
 * GET  /                 the page
 * GET  /health           {"status":"ok", ...}
 * GET  /api/models       styles, emotions, limits and the bundles
 * POST /api/generate     {"style","emotion","count","seed"} → JSON with base64 PNGs, or the grid
 *                        (?format=png / Accept: image/png), or a zip (?format=zip / Accept: application/zip)
 * POST /api/walk         {"style","seed"} → the three emotions at the same noise
 * POST /api/classify     an image (raw body, or multipart field "image") → emotion and probabilities
 * </pre>
 *
 * Errors are JSON {@code {"error": "...", "status": N}}: 400 for bad input, 413 for a body over
 * its limit, 404/405 for unknown routes and methods, 503 when busy or a model is missing, 500 (logged,
 * without details to the client) for anything else.
 */
public final class WebServer implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger("org.emotionart.web");
    /** Room for multipart boundaries and headers around the largest allowed image. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** Jetty's threads at least, and the connections it keeps open at once. */
    static final int THREADS = 64;

    /**
     * Jetty's threads for {@code workers} model workers: room for every call the gate lets in (running
     * and waiting) and as many again, with at least 32 left for /health, the page and Jetty's own.
     */
    static int threads(int workers) {
        return Math.max(THREADS, (1 + InferenceGate.WAITING_PER_WORKER) * workers + SPARE_THREADS);
    }

    /** Jetty's threads that requests to the POST endpoints never hold: /health, the page and Jetty's own. */
    static final int SPARE_THREADS = 32;

    /**
     * The slowest upload the server waits for, in bytes per second: a client that sends its body slower
     * gets 408 and its thread back (1 KiB/s: a 10 MiB image may take almost three hours).
     */
    static final long MIN_UPLOAD_RATE = 1024;
    static final int CONNECTIONS = 512;
    static final int ACCEPT_QUEUE = 1024;

    /**
     * {@code workers}: model calls at once; {@code maxQueueWait}: how long a request waits for one
     * before 503; {@code maxUploadBytes}: largest image for /api/classify; {@code maxImagePixels}: largest
     * image (width × height) it decodes.
     */
    public record Options(String host, int port, long maxUploadBytes, long maxImagePixels, int workers,
                          Duration maxQueueWait, List<String> allowedHosts) {
        public static final long DEFAULT_MAX_UPLOAD = 10L << 20;
        public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range: allowed 0..65535 (0 = any free port)");
            }
            if (maxUploadBytes < 1 || maxUploadBytes > (1L << 30)) {
                throw new IllegalArgumentException("upload limit " + maxUploadBytes + " is out of range: allowed 1 byte..1 GiB");
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, was " + workers);
            }
            allowedHosts = List.copyOf(allowedHosts);
        }

        public Options(String host, int port, long maxUploadBytes, long maxImagePixels, int workers,
                       Duration maxQueueWait) {
            this(host, port, maxUploadBytes, maxImagePixels, workers, maxQueueWait, List.of());
        }

        /** Host names besides the bound address and localhost that requests may name (a reverse proxy's). */
        public Options withAllowedHosts(List<String> names) {
            return new Options(host, port, maxUploadBytes, maxImagePixels, workers, maxQueueWait, names);
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 8080, DEFAULT_MAX_UPLOAD, DEFAULT_MAX_PIXELS,
                    Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(30));
        }

        public Options withHost(String h) {
            return new Options(h, port, maxUploadBytes, maxImagePixels, workers, maxQueueWait, allowedHosts);
        }

        public Options withPort(int p) {
            return new Options(host, p, maxUploadBytes, maxImagePixels, workers, maxQueueWait, allowedHosts);
        }

        public Options withMaxUploadBytes(long b) {
            return new Options(host, port, b, maxImagePixels, workers, maxQueueWait, allowedHosts);
        }

        public Options withWorkers(int w) {
            return new Options(host, port, maxUploadBytes, maxImagePixels, w, maxQueueWait, allowedHosts);
        }
    }

    private final Javalin app;
    private final Options options;
    private final Api api;

    private WebServer(Javalin app, Options options, Api api) {
        this.app = app;
        this.options = options;
        this.api = api;
    }

    /**
     * Starts serving {@code art} (port 0 picks a free port; see {@link #port()}). {@code accessLog}
     * gets one line per request: method, path, status, milliseconds.
     */
    public static WebServer start(EmotionArt art, Options options, Consumer<String> accessLog) {
        ObjectMapper mapper = new ObjectMapper();
        Api api = new Api(art, options, mapper);
        RequestGuard guard = new RequestGuard(options.host(), options.allowedHosts());
        // a POST holds its Jetty thread while its body arrives, however slowly, and then while it waits for
        // and runs its model call: at most this many at once, so slow uploads cannot take the threads
        // /health and the page need (those past it get 503 at once, before their body is read)
        int threads = threads(options.workers());
        Semaphore posting = new Semaphore(threads - SPARE_THREADS);
        Javalin app = Javalin.create(config -> {
            // bounded: at most THREADS requests run at once and CONNECTIONS are open (more wait in the
            // kernel's accept queue); model calls are bounded further by the InferenceGate (a few waiting
            // per worker, then 503 at once), so most threads stay free for /health and the page
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(threads, 8, 60_000);
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(MIN_UPLOAD_RATE));
            config.jetty.modifyServer(server -> {
                server.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(CONNECTIONS, server));
                server.setErrorHandler(new JsonErrorHandler()); // Jetty's own 400/414/431 as JSON too
                // the kernel's queue of connections not yet accepted: Java's default of 50 refuses a burst
                // of a few hundred clients outright (connection refused, /health included)
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (var c : server.getConnectors()) {
                            if (c instanceof org.eclipse.jetty.server.ServerConnector sc) {
                                sc.setAcceptQueueSize(ACCEPT_QUEUE);
                            }
                        }
                    }
                });
            });
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = options.maxUploadBytes() + MULTIPART_OVERHEAD;
            // multipart uploads stay in memory (never in a temporary file), up to the upload limit
            config.jetty.multipartConfig.maxFileSize(options.maxUploadBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) options.maxUploadBytes() + 1, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(options.maxUploadBytes() + MULTIPART_OVERHEAD, SizeUnit.BYTES);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.requestLogger.http((ctx, ms) -> accessLog.accept(String.format(Locale.ROOT, "%s %s %d %.1f ms",
                    ctx.method().name(), ctx.path(), ctx.statusCode(), ms)));

            config.routes.before(WebServer::securityHeaders);
            config.routes.before(guard::check);
            config.routes.get("/health", api::health);
            config.routes.get("/api/models", api::models);
            // HEAD as GET, so its headers (Content-Type) are GET's; Jetty sends no body
            config.routes.head("/health", api::health);
            config.routes.head("/api/models", api::models);
            config.routes.post("/api/generate", bounded(posting, api::generate));
            config.routes.post("/api/walk", bounded(posting, api::walk));
            config.routes.post("/api/classify", bounded(posting, api::classify));

            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.retryAfterSeconds != null) {
                    ctx.header("Retry-After", e.retryAfterSeconds);
                }
                error(ctx, e.status, e.getMessage(), e.allowed);
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    switch (e.getStatus()) {
                        case 404 -> notFound(ctx);
                        case 405 -> notAllowed(ctx);
                        case 413 -> "the request body is larger than the limit of "
                                + Sizes.human(options.maxUploadBytes() + MULTIPART_OVERHEAD);
                        default -> e.getMessage();
                    }, null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof org.eclipse.jetty.http.BadMessageException bad) {
                        // Jetty refused the request while it arrived (a body slower than MIN_UPLOAD_RATE: 408)
                        error(ctx, bad.getCode(), "the request could not be read: " + (bad.getCode() == 408
                                ? "its body arrived slower than " + MIN_UPLOAD_RATE + " bytes a second"
                                : bad.getReason()), null);
                        return;
                    }
                }
                LOG.error("{} {} failed", ctx.method().name(), ctx.path(), e);
                error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); the server log has the details",
                        null);
            });
            // statuses set without an exception (e.g. by the static files handler)
            config.routes.error(404, ctx -> {
                if (isPageFile(ctx.path()) && !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
                    error(ctx, 405, notAllowed(ctx), null); // the page's files are there, for GET only
                } else if (!isJson(ctx)) {
                    error(ctx, 404, notFound(ctx), null);
                }
            });
            config.routes.error(405, ctx -> {
                if (!isJson(ctx)) {
                    error(ctx, 405, notAllowed(ctx), null);
                }
            });
        });
        try {
            app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            app.stop();
            api.close();
            String m = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                m += " " + t.getMessage(); // Jetty wraps the BindException, whose message says which
            }
            String lower = m.toLowerCase(Locale.ROOT);
            String where = "cannot listen on " + options.host() + ":" + options.port();
            throw new org.emotionart.EmotionArtException(lower.contains("assign requested address")
                    ? where + ": " + options.host() + " is not an address of this machine (use 127.0.0.1 for this "
                    + "machine only, or 0.0.0.0 for all its addresses)"
                    : lower.contains("in use") ? where + ": the port is in use by another program; choose another "
                    + "with --port (0: any free port)"
                    : lower.contains("permission denied") ? where + ": permission denied (ports under 1024 need "
                    + "privileges; choose another with --port)"
                    : "cannot start the web server on " + options.host() + ":" + options.port() + ":" + m, e);
        }
        return new WebServer(app, options, api);
    }

    /** {@code handler} while a permit of {@code posting} is free, else 503 without reading the body. */
    private static Handler bounded(Semaphore posting, Handler handler) {
        return ctx -> {
            if (!posting.tryAcquire()) {
                throw ApiException.unavailable("the server is busy: every request slot is taken by requests still "
                        + "arriving or being painted; try again shortly", InferenceGate.retryAfterWhenFull());
            }
            try {
                handler.handle(ctx);
            } finally {
                posting.release();
            }
        };
    }

    /**
     * "METHOD path" of every route the app registered, and the OpenAPI description (a static file at
     * {@link #OPENAPI}); the test checks this list against the description.
     */
    public List<String> routes() {
        List<String> out = new java.util.ArrayList<>();
        for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.isHttpMethod() && !e.endpoint.method.name().equals("HEAD")) { // HEAD: GET's
                out.add(e.endpoint.method.name() + " " + e.endpoint.path);
            }
        }
        out.add("GET " + OPENAPI);
        return out;
    }

    /** Where the OpenAPI 3.1 description of the HTTP API is served (resources/web/api/openapi.json). */
    public static final String OPENAPI = "/api/openapi.json";

    /** Whether {@code path} names one of the page's files (resources/web; "/" is index.html). */
    static boolean isPageFile(String path) {
        if (!path.startsWith("/") || path.contains("..") || path.contains("//") || path.contains("\\")) {
            return false;
        }
        String file = path.equals("/") ? "/index.html" : path;
        return !file.endsWith("/") && WebServer.class.getResource("/web" + file) != null;
    }

    private static String notFound(Context ctx) {
        return "no such page or endpoint: " + ctx.method().name() + " " + ctx.path()
                + " (the API is GET /health, GET /api/models, POST /api/generate, POST /api/walk, POST /api/classify;"
                + " described at GET " + OPENAPI + ")";
    }

    private static String notAllowed(Context ctx) {
        boolean post = RequestGuard.isPostRoute(ctx.path());
        ctx.header("Allow", post ? "POST" : "GET, HEAD");
        return "method " + ctx.method().name() + " is not allowed on " + ctx.path() + (post ? ": use POST" : ": use GET");
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    static void error(Context ctx, int status, String message, List<String> allowed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        if (allowed != null) {
            body.put("allowed", allowed);
        }
        ctx.status(status).json(body);
    }

    /** The page loads only its own files; images are data: and blob: URLs made by its script. */
    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    }

    /** The port listened on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** http://host:port/ (an IPv6 host in brackets). */
    public URI url() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + h + ":" + port() + "/");
    }

    public Options options() {
        return options;
    }

    /** Stops accepting requests and stops the server; the models stay open (their owner closes them). */
    @Override
    public void close() {
        app.stop();
        api.close();
    }
}
