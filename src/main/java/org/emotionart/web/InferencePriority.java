package org.emotionart.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts TensorFlow's compute threads behind the web server's own on the CPU (Linux). Each model call
 * keeps every core busy, so under a burst the threads that answer {@code /health}, the page and the
 * refusals (503) waited their turn behind inference: at 64 clients on two cores a refusal took up to
 * 0.6 s and {@code /health} 0.6 s. With the compute threads at a higher nice value the scheduler runs
 * Jetty's threads first whenever they have work, and inference still gets every idle cycle.
 *
 * <p>The threads are the process's threads that the JVM did not name: the JVM gives each Java thread
 * its name at the OS level, while TensorFlow's pools (created when the bundles are loaded) keep the
 * process's name, which is also the main thread's; and the web server's model workers, which make the
 * model calls and encode and decode the images around them (start the server first). Java cannot set a
 * thread's nice value, so this runs {@code renice}, which any user may use to lower the priority of
 * their own threads.
 */
public final class InferencePriority {
    /** The nice value of the compute threads: well behind Jetty's (0), never starved (19 would be). */
    public static final int NICE = 10;

    private InferencePriority() {
    }

    /**
     * Lowers the priority of the compute threads that exist now (load the bundles and start the server
     * first) and says what it did, in one line for the server's log.
     */
    public static String lower() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return "model calls run at the server's priority (no /proc/self/task: not Linux)";
        }
        List<String> tids = computeThreads(tasks);
        if (tids.isEmpty()) {
            return "model calls run at the server's priority (no TensorFlow threads found)";
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(NICE), "-p"));
        command.addAll(tids);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "model calls run at the server's priority (renice did not finish)";
            }
            if (p.exitValue() != 0) {
                return "model calls run at the server's priority (renice exited with " + p.exitValue() + ")";
            }
        } catch (IOException e) {
            return "model calls run at the server's priority (renice is not installed)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "model calls run at the server's priority (interrupted)";
        }
        return "model calls run at nice " + NICE + " (" + tids.size() + " threads: TensorFlow's and the model "
                + "workers'), behind the page, /health and refusals";
    }

    /**
     * Thread ids whose name is the process's own (the main thread's), the main thread left out, and the
     * web server's model workers ({@link InferenceGate#WORKER_PREFIX}).
     */
    static List<String> computeThreads(Path tasks) {
        String pid = String.valueOf(ProcessHandle.current().pid());
        String processName = name(tasks.resolve(pid));
        List<String> out = new ArrayList<>();
        if (processName == null) {
            return out;
        }
        try (Stream<Path> all = Files.list(tasks)) {
            all.forEach(t -> {
                String tid = t.getFileName().toString();
                String name = name(t);
                if (!tid.equals(pid) && (processName.equals(name)
                        || name != null && name.startsWith(InferenceGate.WORKER_PREFIX))) {
                    out.add(tid);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null; // the thread ended meanwhile
        }
    }
}
