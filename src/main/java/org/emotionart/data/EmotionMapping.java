package org.emotionart.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.util.Excerpt;
import org.emotionart.util.IoErrors;
import org.emotionart.util.TextFiles;

/**
 * Which of the three classes (negative, neutral, positive) each of the 20 WikiArt Emotions emotions
 * counts for.
 *
 * <p>{@link #DEFAULT} is the dataset authors' own grouping (Mohammad &amp; Kiritchenko 2018):
 * positive = gratitude, happiness, humility, love, optimism, trust; negative = anger, arrogance,
 * disgust, fear, pessimism, regret, sadness, shame; neutral = agreeableness, anticipation,
 * disagreeableness, surprise, shyness, neutral.
 *
 * <p>A mapping file replaces it. Format (UTF-8 text): one {@code emotion = class} per line, where
 * {@code emotion} is one of the 20 names and {@code class} is negative, neutral or positive (both
 * case-insensitive, spaces around them ignored); {@code #} starts a comment; blank lines are ignored.
 * Each of the 20 emotions must appear exactly once. Example:
 *
 * <pre>
 * # surprise reads as positive in our paintings
 * surprise = positive
 * anger = negative
 * ...
 * </pre>
 */
public final class EmotionMapping {
    /** The dataset authors' grouping of the 20 emotions into three classes. */
    public static final EmotionMapping DEFAULT = defaultMapping();

    /** The largest mapping file read: 1 MB (one holds 20 short lines and comments). */
    public static final long MAX_BYTES = 1024 * 1024;
    /** The longest line of a mapping file: 4 KB. */
    public static final int MAX_LINE_BYTES = 4096;

    private final Map<WikiArtEmotion, Emotion> classes;
    private final String source;

    private EmotionMapping(Map<WikiArtEmotion, Emotion> classes, String source) {
        this.classes = Collections.unmodifiableMap(new EnumMap<>(classes));
        this.source = source;
    }

    /**
     * A mapping from a complete map.
     *
     * @throws IllegalArgumentException when an emotion is missing
     */
    public static EmotionMapping of(Map<WikiArtEmotion, Emotion> classes, String source) {
        List<String> missing = missing(classes);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("mapping misses " + String.join(", ", missing));
        }
        return new EmotionMapping(classes, source);
    }

    /**
     * Reads a mapping file (format in the class comment).
     *
     * @throws EmotionArtException naming the file and line when it is missing or malformed
     */
    public static EmotionMapping read(Path file) {
        TextFiles.requireSize(file, MAX_BYTES, "mapping file");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(TextFiles.strictReader(Files.newInputStream(file), file,
                "mapping file", MAX_LINE_BYTES, (char) 0, false))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (NoSuchFileException e) {
            throw new EmotionArtException("mapping file not found: " + file);
        } catch (IOException e) {
            throw new EmotionArtException("cannot read mapping file " + file + ": " + IoErrors.describe(e), e);
        }
        Map<WikiArtEmotion, Emotion> classes = new EnumMap<>(WikiArtEmotion.class);
        Map<WikiArtEmotion, Integer> seenAt = new EnumMap<>(WikiArtEmotion.class);
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new EmotionArtException(file + ": line " + lineNo + ": expected 'emotion = class', found '"
                        + Excerpt.of(line) + "'");
            }
            String name = line.substring(0, eq).strip();
            String cls = line.substring(eq + 1).strip();
            WikiArtEmotion emotion = WikiArtEmotion.find(name).orElseThrow(() -> new EmotionArtException(
                    file + ": line " + lineNo + ": unknown emotion '" + Excerpt.of(name) + "': allowed " + WikiArtEmotion.allowed()));
            Emotion target;
            try {
                target = Emotion.parse(cls);
            } catch (IllegalArgumentException e) {
                throw new EmotionArtException(file + ": line " + lineNo + ": class of '" + emotion + "': "
                        + e.getMessage());
            }
            Integer before = seenAt.put(emotion, lineNo);
            if (before != null) {
                throw new EmotionArtException(file + ": line " + lineNo + ": '" + emotion
                        + "' is mapped twice (also on line " + before + "); name each emotion exactly once");
            }
            classes.put(emotion, target);
        }
        List<String> missing = missing(classes);
        if (!missing.isEmpty()) {
            throw new EmotionArtException(file + ": the mapping must name each of the 20 emotions exactly once; missing "
                    + missing.size() + ": " + String.join(", ", missing));
        }
        return new EmotionMapping(classes, file.toString());
    }

    /** The class an emotion counts for. */
    public Emotion classOf(WikiArtEmotion emotion) {
        return classes.get(emotion);
    }

    /** The emotions that count for {@code target}, in column order. */
    public List<WikiArtEmotion> emotionsOf(Emotion target) {
        List<WikiArtEmotion> out = new ArrayList<>();
        for (WikiArtEmotion e : WikiArtEmotion.values()) {
            if (classes.get(e) == target) {
                out.add(e);
            }
        }
        return out;
    }

    /** Where the mapping came from: "default (...)" or the file. */
    public String source() {
        return source;
    }

    /** "positive = gratitude, ...; negative = ...; neutral = ...". */
    public String describe() {
        return List.of(Emotion.POSITIVE, Emotion.NEGATIVE, Emotion.NEUTRAL).stream()
                .map(c -> c + " = " + emotionsOf(c).stream().map(WikiArtEmotion::label)
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private static List<String> missing(Map<WikiArtEmotion, Emotion> classes) {
        List<String> missing = new ArrayList<>();
        for (WikiArtEmotion e : WikiArtEmotion.values()) {
            if (classes.get(e) == null) {
                missing.add(e.label());
            }
        }
        return missing;
    }

    private static EmotionMapping defaultMapping() {
        Map<WikiArtEmotion, Emotion> m = new EnumMap<>(WikiArtEmotion.class);
        for (WikiArtEmotion e : List.of(WikiArtEmotion.GRATITUDE, WikiArtEmotion.HAPPINESS, WikiArtEmotion.HUMILITY,
                WikiArtEmotion.LOVE, WikiArtEmotion.OPTIMISM, WikiArtEmotion.TRUST)) {
            m.put(e, Emotion.POSITIVE);
        }
        for (WikiArtEmotion e : List.of(WikiArtEmotion.ANGER, WikiArtEmotion.ARROGANCE, WikiArtEmotion.DISGUST,
                WikiArtEmotion.FEAR, WikiArtEmotion.PESSIMISM, WikiArtEmotion.REGRET, WikiArtEmotion.SADNESS,
                WikiArtEmotion.SHAME)) {
            m.put(e, Emotion.NEGATIVE);
        }
        for (WikiArtEmotion e : List.of(WikiArtEmotion.AGREEABLENESS, WikiArtEmotion.ANTICIPATION,
                WikiArtEmotion.DISAGREEABLENESS, WikiArtEmotion.SURPRISE, WikiArtEmotion.SHYNESS,
                WikiArtEmotion.NEUTRAL)) {
            m.put(e, Emotion.NEUTRAL);
        }
        return of(m, "default (the dataset authors' grouping)");
    }
}
