package org.emotionart.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.emotionart.Emotion;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.BundleException;
import org.emotionart.api.EmotionArt;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.ModelInfo;
import org.emotionart.api.Prediction;
import org.emotionart.api.UnknownStyleException;
import org.emotionart.data.ImageDecoder;
import org.emotionart.data.UnreadableImageException;
import org.emotionart.viz.ImageGrid;
import org.emotionart.viz.Images;

/** The HTTP API's handlers. Every failure the client caused is an {@link ApiException}. */
final class Api {
    /** Generation and walk requests are a few fields: anything larger is not one. */
    static final long MAX_JSON_BYTES = 64 * 1024;

    private final EmotionArt art;
    private final WebServer.Options options;
    private final InferenceGate gate;
    private final ObjectMapper mapper;
    private final long startedNanos = System.nanoTime();

    Api(EmotionArt art, WebServer.Options options, ObjectMapper mapper) {
        this.art = art;
        this.options = options;
        this.gate = new InferenceGate(options.workers(), options.maxQueueWait());
        this.mapper = mapper;
    }

    // ---- GET /health ------------------------------------------------------------------------------

    void health(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("uptimeSeconds", (System.nanoTime() - startedNanos) / 1_000_000_000L);
        out.put("styles", art.styles().size());
        out.put("classifier", hasClassifier());
        out.put("modelCallsRunning", gate.running());
        out.put("modelCallsWaiting", gate.waiting());
        out.put("rssBytes", ProcessStats.rssBytes());
        Runtime rt = Runtime.getRuntime();
        out.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        out.put("heapCommittedBytes", rt.totalMemory());
        ctx.json(out);
    }

    // ---- GET /api/models --------------------------------------------------------------------------

    void models(Context ctx) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelInfo m : art.models()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", m.name());
            one.put("version", m.version());
            one.put("kind", m.kind());
            one.put("style", m.style());
            one.put("trainedOn", m.trainedOn());
            one.put("steps", m.steps());
            one.put("bytes", m.bytes());
            models.add(one); // no server paths: the client has no use for them
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("styles", art.styles());
        out.put("emotions", Emotion.labels());
        out.put("maxCount", ArtGenerator.MAX_COUNT);
        out.put("classifier", hasClassifier());
        out.put("maxUploadBytes", options.maxUploadBytes());
        out.put("maxImagePixels", options.maxImagePixels());
        out.put("models", models);
        ctx.json(out);
    }

    /** Stops the model workers. */
    void close() {
        gate.close();
    }

    // ---- POST /api/generate -----------------------------------------------------------------------

    void generate(Context ctx) {
        String format = format(ctx);
        Requests.Generate req = Requests.generate(mapper, readBody(ctx, MAX_JSON_BYTES, "the JSON body"), art.styles());
        ArtGenerator generator = generator(req.style());
        long t0 = System.nanoTime();
        String base = safe(req.style()) + "-" + req.emotion().label();
        // the PNGs are encoded behind the gate, on its workers, as the paintings are made: they cost CPU too
        Painted painted = gate.run(() -> {
            List<BufferedImage> images = generator.generate(req.emotion(), req.count(), req.seed());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return switch (format) {
                case "png" -> new Painted(ms, Images.png(ImageGrid.grid(images, ImageGrid.columnsFor(images.size()),
                        null, caption(req))), null);
                case "zip" -> new Painted(ms, zip(images, base, req.seed()), null);
                default -> new Painted(ms, null, images.stream().map(Api::base64Png).toList());
            };
        });
        long ms = painted.ms();
        ctx.header("X-Seed", Long.toString(req.seed()));
        switch (format) {
            case "png" -> {
                ctx.header("Content-Disposition", "inline; filename=\"" + base + "-" + req.seed() + "-grid.png\"");
                ctx.contentType("image/png").result(painted.bytes());
            }
            case "zip" -> {
                ctx.header("Content-Disposition", "attachment; filename=\"" + base + "-" + req.seed() + ".zip\"");
                ctx.contentType("application/zip").result(painted.bytes());
            }
            default -> {
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = 0; i < painted.base64Pngs().size(); i++) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("seed", req.seed() + i);
                    one.put("png", painted.base64Pngs().get(i));
                    list.add(one);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("style", req.style());
                out.put("emotion", req.emotion().label());
                out.put("count", req.count());
                out.put("seed", req.seed());
                out.put("randomSeed", req.seedWasRandom());
                out.put("imageSize", generator.imageSize());
                out.put("caption", caption(req));
                out.put("ms", ms);
                out.put("images", list);
                ctx.json(out);
            }
        }
    }

    /**
     * What a generate or walk request made: {@code ms} from the request to the paintings, then the answer's
     * bytes (a grid PNG or a ZIP) or each painting as base64 PNG (JSON).
     */
    private record Painted(long ms, byte[] bytes, List<String> base64Pngs) {
    }

    private static byte[] zip(List<BufferedImage> images, String base, long seed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < images.size(); i++) {
                zip.putNextEntry(new ZipEntry(base + "-" + (seed + i) + ".png"));
                zip.write(Images.png(images.get(i)));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String caption(Requests.Generate req) {
        return req.style() + " - " + req.emotion().label() + (req.count() == 1 ? " (seed " + req.seed() + ")"
                : " (seeds " + req.seed() + ".." + (req.seed() + req.count() - 1) + ")");
    }

    /** {@code ?format=json|png|zip} wins; otherwise the first of those types the Accept header names. */
    static String format(Context ctx) {
        String q = ctx.queryParam("format");
        if (q != null) {
            String f = q.trim().toLowerCase(Locale.ROOT);
            if (f.equals("json") || f.equals("png") || f.equals("zip")) {
                return f;
            }
            throw ApiException.badRequest("unknown format '" + (q.length() > 20 ? q.substring(0, 20) + "..." : q)
                    + "': allowed json, png, zip", List.of("json", "png", "zip"));
        }
        String accept = ctx.header("Accept");
        if (accept != null) {
            for (String range : accept.split(",")) {
                String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
                switch (type) {
                    case "application/json":
                        return "json";
                    case "image/png":
                        return "png";
                    case "application/zip":
                        return "zip";
                    default:
                        break;
                }
            }
        }
        return "json";
    }

    // ---- POST /api/walk ---------------------------------------------------------------------------

    /**
     * One painting walking from negative through neutral to positive: the seed's noise stays, the
     * generator's condition moves linearly between the one-hot emotions ({@link ArtGenerator#emotionWalk}).
     * The first, middle and last frames are byte for byte that seed's negative, neutral and positive
     * paintings of /api/generate.
     */
    void walk(Context ctx) {
        Requests.Walk req = Requests.walk(mapper, readBody(ctx, MAX_JSON_BYTES, "the JSON body"), art.styles());
        ArtGenerator generator = generator(req.style());
        long t0 = System.nanoTime();
        Painted painted = gate.run(() -> {
            List<BufferedImage> images = generator.emotionWalk(req.seed(), req.steps());
            return new Painted((System.nanoTime() - t0) / 1_000_000, null, images.stream().map(Api::base64Png).toList());
        });
        List<String> pngs = painted.base64Pngs();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < pngs.size(); i++) {
            double t = (double) i / (pngs.size() - 1);
            float[] w = ArtGenerator.walkWeights(t);
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("position", t);
            frame.put("weights", Map.of("negative", w[0], "neutral", w[1], "positive", w[2]));
            frame.put("label", walkLabel(w));
            frame.put("png", pngs.get(i));
            list.add(frame);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("style", req.style());
        out.put("seed", req.seed());
        out.put("randomSeed", req.seedWasRandom());
        out.put("steps", req.steps());
        out.put("ms", painted.ms());
        out.put("images", list);
        ctx.json(out);
    }

    /** "negative", or "75% negative, 25% neutral" between two emotions. */
    static String walkLabel(float[] w) {
        List<String> parts = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            float v = w[e.index()];
            if (v >= 0.999f) {
                return e.label();
            }
            if (v > 0.001f) {
                parts.add(Math.round(v * 100) + "% " + e.label());
            }
        }
        return String.join(", ", parts);
    }

    // ---- POST /api/classify -----------------------------------------------------------------------

    /** An image as a multipart file field (named "image", or the only file) or as the raw body. */
    void classify(Context ctx) {
        EmotionClassifier classifier = classifier();
        byte[] image = uploadedImage(ctx);
        long t0 = System.nanoTime();
        // decoding is behind the same gate as the model: a large image costs as much CPU as a model call
        Prediction p = gate.run(() -> {
            byte[] pixels;
            try {
                pixels = ImageDecoder.decode(image, classifier.imageSize(), options.maxImagePixels());
            } catch (UnreadableImageException e) {
                throw ApiException.badRequest("not a readable image: " + e.getMessage()
                        + " (send a JPEG, PNG, GIF, BMP or TIFF file)");
            }
            return classifier.classifyPixels(pixels, 1).get(0);
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Object> probabilities = new LinkedHashMap<>();
        for (Emotion e : Emotion.values()) {
            probabilities.put(e.label(), p.probability(e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("emotion", p.emotion().label());
        out.put("probabilities", probabilities);
        // whether the image looks like what the classifier was trained on (null: the bundle cannot say)
        out.put("inDomain", p.inDomain());
        out.put("domainDistance", p.domainDistance());
        out.put("bytes", image.length);
        out.put("ms", ms);
        ctx.json(out);
    }

    private byte[] uploadedImage(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/form-data")) {
            byte[] body = readBody(ctx, options.maxUploadBytes(), "the image");
            if (body.length == 0) {
                throw ApiException.badRequest("no image: send the image bytes as the body, or as a multipart "
                        + "file field named 'image'");
            }
            return body;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > options.maxUploadBytes() + WebServer.MULTIPART_OVERHEAD) {
            throw ApiException.tooLarge("the upload", options.maxUploadBytes());
        }
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) { // Jetty's ServletException arrives unchecked through Kotlin
            if (mentionsSize(e)) {
                throw ApiException.tooLarge("the upload", options.maxUploadBytes());
            }
            throw ApiException.badRequest("malformed multipart body: " + rootMessage(e));
        }
        if (files.isEmpty()) {
            throw ApiException.badRequest("the multipart body has no file: send the image as a file field named 'image'");
        }
        UploadedFile file = ctx.uploadedFiles("image").stream().findFirst().orElse(files.get(0));
        if (file.size() > options.maxUploadBytes()) {
            throw ApiException.tooLarge("the image", options.maxUploadBytes());
        }
        // read in memory: the client's file name is never used, nothing is written to disk
        try (InputStream in = file.content()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxUploadBytes()));
        } catch (IOException e) {
            throw ApiException.badRequest("the upload could not be read: " + e.getMessage());
        }
    }

    private static boolean mentionsSize(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceeded") || m.contains("exceeds") || m.contains("too large") || m.contains("413")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }

    // ---- shared -----------------------------------------------------------------------------------

    /**
     * The body, read up to {@code limit} bytes: a declared Content-Length over the limit is refused
     * before reading, and a chunked body is cut off as soon as it passes the limit.
     */
    /** A refused body up to this size is read to its end first, so the client reads the 413 instead of a reset. */
    static final long DRAIN_MAX = 1 << 20;

    private static void drain(Context ctx, long bytes) {
        if (bytes > DRAIN_MAX) {
            return; // too much to read for nothing: the connection closes after the 413
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long left = bytes;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away: nothing to answer
        }
    }

    static byte[] readBody(Context ctx, long limit, String what) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            drain(ctx, declared);
            throw ApiException.tooLarge(what, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                drain(ctx, DRAIN_MAX);
                throw ApiException.tooLarge(what, limit);
            }
            return body;
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException) {
                    throw new ApiException(408, "the request could not be read: its body stopped arriving before "
                            + "the length it announced", null, null);
                }
            }
            throw ApiException.badRequest("the request body could not be read: the connection failed while it arrived");
        }
    }

    private ArtGenerator generator(String style) {
        try {
            return art.generator(style);
        } catch (UnknownStyleException e) {
            throw ApiException.badRequest("unknown style '" + style + "': available " + String.join(", ", e.available()),
                    e.available());
        } catch (BundleException e) {
            WebServer.LOG.error("generator for style {} cannot be loaded: {}", style, e.getMessage());
            throw ApiException.unavailable("the generator for style '" + style + "' cannot be loaded (see the server log)",
                    null);
        }
    }

    private EmotionClassifier classifier() {
        try {
            return art.classifier();
        } catch (BundleException e) {
            WebServer.LOG.error("classifier unavailable: {}", e.getMessage());
            throw ApiException.unavailable("this server has no usable classifier bundle (see the server log)", null);
        }
    }

    private boolean hasClassifier() {
        return Files.isDirectory(art.root().resolve(EmotionArt.CLASSIFIER));
    }

    private static String base64Png(BufferedImage image) {
        return Base64.getEncoder().encodeToString(Images.png(image));
    }

    /** A name safe in a Content-Disposition header and a zip entry. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
