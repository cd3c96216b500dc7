package org.emotionart.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many model calls run at once. Each TensorFlow call already uses every core, so more
 * concurrent calls than cores add memory, not throughput; requests beyond the bound wait their turn
 * (fairly, in arrival order) for at most {@code maxWait}, then get 503 with Retry-After. Requests that
 * call no model (the page, /health, /api/models) never wait here, so a burst of generation does not
 * block them.
 *
 * <p>The work itself (the model call, and the decoding and encoding of images around it) runs on the
 * gate's own {@code size} threads, named {@value #WORKER_PREFIX}N, which {@link InferencePriority} puts
 * behind the request threads on the CPU as it does TensorFlow's: on two cores the PNG encoding that
 * request threads did at full priority, with the JIT compiler's threads, left refusals and
 * {@code /health} waiting for a core under a burst.
 */
final class InferenceGate implements AutoCloseable {
    /** The start of the workers' thread names ("model-worker-1", ...: under the OS's 15 characters). */
    static final String WORKER_PREFIX = "model-worker-";
    private final java.util.concurrent.ThreadPoolExecutor workers;
    private final Semaphore permits;
    private final int size;
    private final Duration maxWait;
    /** Requests that may wait at once; one more gets 503 at once instead of a long wait. */
    private final int maxWaiting;
    private final java.util.concurrent.atomic.AtomicInteger waitingNow = new java.util.concurrent.atomic.AtomicInteger();

    InferenceGate(int size, Duration maxWait) {
        if (size < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + size);
        }
        this.permits = new Semaphore(size, true);
        this.size = size;
        this.maxWait = maxWait;
        this.maxWaiting = WAITING_PER_WORKER * size;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        // as many threads as permits: a task that holds a permit always finds a thread free
        this.workers = new java.util.concurrent.ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, WORKER_PREFIX + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.prestartAllCoreThreads(); // they exist now, for InferencePriority to find
    }

    /** Requests that may wait per model worker: a few calls' time (each 0.1-0.5 s), never tens of seconds. */
    static final int WAITING_PER_WORKER = 4;

    /**
     * A request refused because the queue is full is told to come back in 1 to this many seconds, drawn
     * at random: a crowd refused in the same instant then returns spread over that window instead of
     * all at once a second later, a wave that would queue every other request (the page, /health)
     * behind it again.
     */
    static final int MAX_RETRY_AFTER_SECONDS = 3;

    /** Seconds a client refused by a full queue should wait: uniform in 1..{@link #MAX_RETRY_AFTER_SECONDS}. */
    static int retryAfterWhenFull() {
        return 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(MAX_RETRY_AFTER_SECONDS);
    }

    <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(0, TimeUnit.MILLISECONDS); // the timed form keeps the queue's order
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is shutting down", null);
        }
        if (!acquired) {
            if (waitingNow.incrementAndGet() > maxWaiting) {
                waitingNow.decrementAndGet();
                throw ApiException.unavailable("the server is busy: " + size + " model calls running and " + maxWaiting
                        + " waiting; try again shortly", retryAfterWhenFull());
            }
            try {
                acquired = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.unavailable("the server is shutting down", null);
            } finally {
                waitingNow.decrementAndGet();
            }
        }
        if (!acquired) {
            throw ApiException.unavailable("the server is busy: " + size + " model calls running and this request "
                    + "waited " + (maxWait.toMillis() < 1000 ? maxWait.toMillis() + " ms" : maxWait.toSeconds() + " s")
                    + " for its turn; try again shortly", 2);
        }
        java.util.concurrent.Future<T> result;
        try {
            result = workers.submit(() -> {
                try {
                    return work.get();
                } finally {
                    permits.release(); // when the work is done, even if the request stopped waiting for it
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            permits.release();
            throw ApiException.unavailable("the server is shutting down", null);
        }
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // ApiException (a bad image) and the rest, as if the work had run on this thread
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the server is shutting down", null);
        }
    }

    /** Stops the workers (work still running is interrupted). */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Model calls running now. */
    int running() {
        return size - permits.availablePermits();
    }

    /** Requests waiting for a turn (an estimate, as the JDK gives it). */
    int waiting() {
        return permits.getQueueLength();
    }

    int size() {
        return size;
    }
}
