package org.emotionart.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import org.emotionart.EmotionArtException;
import org.emotionart.util.Progress;

/**
 * Decodes images ({@link ImageDecoder}) on a pool of threads and hands them on strictly in source
 * order, so that what is made of them does not depend on the thread count or timing: the image cache
 * is built with it, and labelling classifies while the pool decodes ahead.
 */
public final class ParallelDecoder {
    private ParallelDecoder() {
    }

    /** Receives decoded images in source order: pixels, or null and the reason it is broken. */
    @FunctionalInterface
    public interface DecodedSink {
        void accept(SourceImage source, byte[] pixels, String error) throws IOException;
    }

    /**
     * Decodes on a pool of {@code threads} threads, keeping a bounded window of work ahead, and hands
     * each result to {@code sink} in source order.
     */
    static void decodeInOrder(List<SourceImage> sources, int size, int threads, String progressTask,
                              DecodedSink sink) throws IOException {
        decodeInOrder(sources, size, threads, Math.max(1, threads) * 8, progressTask, sink);
    }

    /**
     * As above with up to {@code window} images decoded ahead of the one {@code sink} receives: the
     * pool keeps decoding while the sink works (e.g. classifies a batch), until the window is full.
     */
    public static void decodeInOrder(List<SourceImage> sources, int size, int threads, int window,
                                     String progressTask, DecodedSink sink) throws IOException {
        int n = sources.size();
        window = Math.max(1, window);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "image-decoder");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Object>> pending = new ArrayDeque<>();
        int brokenCount = 0;
        try (ProgressBar bar = progressTask == null || n == 0 ? null : Progress.bar(progressTask, n, "img")) {
            int submitted = 0;
            for (int done = 0; done < n; done++) {
                while (submitted < n && pending.size() < window) {
                    Path path = sources.get(submitted++).file();
                    pending.add(pool.submit(() -> {
                        try {
                            return ImageDecoder.decode(path, size);
                        } catch (UnreadableImageException e) {
                            return e.getMessage();
                        }
                    }));
                }
                Object result = pending.poll().get();
                if (result instanceof byte[] pixels) {
                    sink.accept(sources.get(done), pixels, null);
                } else {
                    sink.accept(sources.get(done), null, (String) result);
                    brokenCount++;
                }
                if (bar != null) {
                    bar.step();
                    if (brokenCount > 0) {
                        bar.setExtraMessage(brokenCount + " broken");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmotionArtException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            // a decoder refuses bad arguments (e.g. a size out of range) with a message made for users
            String why = e.getCause() instanceof IllegalArgumentException && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : "an internal error in the image decoder (--verbose shows it)";
            throw new EmotionArtException("could not decode the images: " + why, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
