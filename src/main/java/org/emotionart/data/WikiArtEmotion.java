package org.emotionart.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The 20 emotions annotated in WikiArt Emotions (Mohammad &amp; Kiritchenko, LREC 2018), in the order
 * of the dataset's columns. {@link #label()} is the name used in the column headers
 * ({@code ImageOnly: happiness}) and in mapping files.
 */
public enum WikiArtEmotion {
    AGREEABLENESS, ANGER, ANTICIPATION, ARROGANCE, DISAGREEABLENESS, DISGUST, FEAR, GRATITUDE, HAPPINESS,
    HUMILITY, LOVE, OPTIMISM, PESSIMISM, REGRET, SADNESS, SHAME, SHYNESS, SURPRISE, TRUST, NEUTRAL;

    /** Number of annotated emotions (20). */
    public static final int COUNT = values().length;

    /** The lower-case name, as in the column headers. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /** The emotion with this name (case-insensitive, surrounding spaces ignored), if any. */
    public static Optional<WikiArtEmotion> find(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.label().equals(n)).findFirst();
    }

    /** "agreeableness, anger, ..., neutral". */
    public static String allowed() {
        return Arrays.stream(values()).map(WikiArtEmotion::label).collect(Collectors.joining(", "));
    }
}
