package org.emotionart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.Emotion;
import org.emotionart.TestBundles;
import org.emotionart.api.EmotionArt;
import org.junit.jupiter.api.Test;

class InferencePriorityTest {
    @Test
    void tensorFlowsThreadsAndTheModelWorkersAndOnlyTheyGoBehindTheJvmsOwn() throws Exception {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "Linux only");
        try (EmotionArt art = EmotionArt.open(TestBundles.shared());
             InferenceGate gate = new InferenceGate(2, java.time.Duration.ofSeconds(1))) {
            art.generator(art.styles().get(0)).generate(Emotion.POSITIVE, 1, 1);
            String line = InferencePriority.lower();
            List<String> tids = InferencePriority.computeThreads(tasks);
            assertFalse(tids.isEmpty(), "TensorFlow's pools are running");
            assertTrue(line.startsWith("model calls run at nice 10 (" + tids.size() + " threads: TensorFlow's and "
                    + "the model workers')"), line);
            for (String name : List.of(InferenceGate.WORKER_PREFIX + "1", InferenceGate.WORKER_PREFIX + "2")) {
                assertTrue(tids.stream().anyMatch(t -> name.equals(comm(tasks.resolve(t)))), name + " is lowered too");
            }
            assertTrue(gate.run(() -> nice(Path.of("/proc/thread-self"))) == 10, "the gate's work runs at nice 10");
            for (String tid : tids) {
                assertEquals(10, nice(tasks.resolve(tid)), "thread " + tid);
            }
            String main = String.valueOf(ProcessHandle.current().pid());
            assertFalse(tids.contains(main), "the main thread keeps its priority");
            assertEquals(0, nice(tasks.resolve(main)));
            String self = null; // this (named) Java thread keeps its priority too
            for (Path t : Files.list(tasks).toList()) {
                if (Files.readString(t.resolve("comm")).strip().equals(shortName(Thread.currentThread().getName()))) {
                    self = t.getFileName().toString();
                }
            }
            if (self != null) {
                assertEquals(0, nice(tasks.resolve(self)));
            }
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The OS's 15-character thread name the JVM gives a Java thread. */
    private static String shortName(String name) {
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    /** Field 19 of /proc/.../stat (after the parenthesised name, which may hold spaces). */
    private static int nice(Path task) {
        String stat;
        try {
            stat = Files.readString(task.resolve("stat"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[19 - 3]);
    }
}
