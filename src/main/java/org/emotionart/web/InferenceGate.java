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
 */
final class InferenceGate {
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
                    + "waited " + maxWait.toSeconds() + " s for its turn; try again shortly", 2);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
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
