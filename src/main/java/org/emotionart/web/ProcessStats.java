package org.emotionart.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server process's resident memory, as the kernel counts it (Linux); for /health and the load run. */
final class ProcessStats {
    private ProcessStats() {
    }

    /** VmRSS of this process in bytes, or -1 where /proc is not there. */
    static long rssBytes() {
        return rssBytes(Path.of("/proc/self/status"));
    }

    static long rssBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
