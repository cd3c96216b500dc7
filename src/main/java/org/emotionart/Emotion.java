package org.emotionart;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three emotion classes, in the original project's index order. The index is what the
 * networks see (one-hot position, class id); the lower-case name is what users type.
 */
public enum Emotion {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** Number of classes (3). */
    public static final int COUNT = values().length;

    /** Index used by the networks: negative 0, neutral 1, positive 2. */
    public int index() {
        return ordinal();
    }

    /** The lower-case name used on the command line, in files and in the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    public static Emotion of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("emotion index " + index + " is out of range: allowed 0..2 ("
                    + allowed() + ")");
        }
        return values()[index];
    }

    /** Parses a name (case-insensitive) or an index; the error names the allowed values. */
    public static Emotion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Emotion e : values()) {
            if (e.label().equals(t) || String.valueOf(e.index()).equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown emotion '" + org.emotionart.util.Excerpt.of(text) + "': allowed "
                + allowed());
    }

    /** The labels in index order: [negative, neutral, positive]. */
    public static java.util.List<String> labels() {
        return Arrays.stream(values()).map(Emotion::label).toList();
    }

    /** "negative, neutral, positive". */
    public static String allowed() {
        return Arrays.stream(values()).map(Emotion::label).collect(Collectors.joining(", "));
    }
}
