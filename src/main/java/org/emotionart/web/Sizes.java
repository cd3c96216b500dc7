package org.emotionart.web;

import java.util.Locale;

/** Byte counts for messages: "10 MiB", "64 KiB", "512 bytes". */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
