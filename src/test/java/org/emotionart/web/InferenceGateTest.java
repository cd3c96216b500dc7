package org.emotionart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceGateTest {
    @Test
    void aRequestThatFindsEveryWorkerBusyWaitsThenGets503WithRetryAfter() throws Exception {
        InferenceGate gate = new InferenceGate(1, Duration.ofMillis(200));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> slow = pool.submit(() -> gate.run(() -> {
                running.countDown();
                await(release);
                return "slow";
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertEquals(1, gate.running());
            ApiException busy = assertThrows(ApiException.class, () -> gate.run(() -> "fast"));
            assertEquals(503, busy.status);
            assertEquals("2", busy.retryAfterSeconds);
            assertEquals("the server is busy: 1 model calls running and this request waited 200 ms for its turn; "
                    + "try again shortly", busy.getMessage(), "it waited for a turn first");
            release.countDown();
            assertEquals("slow", slow.get(10, TimeUnit.SECONDS));
            assertEquals("fast", gate.run(() -> "fast"), "free again");
            assertEquals(0, gate.running());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void beyondFourWaitersPerWorkerARequestGets503AtOnceInsteadOfWaiting() throws Exception {
        InferenceGate gate = new InferenceGate(1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        int waiters = InferenceGate.WAITING_PER_WORKER;
        ExecutorService pool = Executors.newFixedThreadPool(1 + waiters);
        try {
            java.util.List<Future<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + waiters; i++) {
                calls.add(pool.submit(() -> gate.run(() -> {
                    await(release);
                    return "done";
                })));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((gate.running() < 1 || gate.waiting() < waiters) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ApiException busy = assertThrows(ApiException.class, () -> gate.run(() -> "one too many"));
            // refused at once, not after waiting its 30 s: the refusal of a full queue, not of a wait
            assertEquals("the server is busy: 1 model calls running and " + waiters + " waiting; try again shortly",
                    busy.getMessage());
            assertEquals(503, busy.status);
            int after = Integer.parseInt(busy.retryAfterSeconds);
            assertTrue(after >= 1 && after <= InferenceGate.MAX_RETRY_AFTER_SECONDS, "Retry-After 1..3 s, was " + after);
            release.countDown();
            for (Future<String> f : calls) {
                assertEquals("done", f.get(10, TimeUnit.SECONDS), "the ones that waited all ran");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aCrowdRefusedAtOnceIsToldToComeBackAtDifferentTimes() {
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(InferenceGate.retryAfterWhenFull());
        }
        assertEquals(java.util.Set.of(1, 2, 3), seen, "every second of the window is drawn, nothing outside it");
    }

    @Test
    void aFailingCallGivesItsTurnBack() {
        InferenceGate gate = new InferenceGate(1, Duration.ofMillis(100));
        assertThrows(IllegalStateException.class, () -> gate.run(() -> {
            throw new IllegalStateException("model failed");
        }));
        assertEquals("ok", gate.run(() -> "ok"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
