package org.emotionart.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.emotionart.Emotion;
import org.emotionart.data.WikiArtEmotions.Row;

/**
 * Turns a row's 20 emotion scores into one of the three classes. Each row is decided by exactly one
 * rule, tried in this order:
 *
 * <ol>
 *   <li>{@link Rule#NOTHING_CHOSEN}: all 20 scores are 0 (common in the Ag4/Ag5 files, where no emotion
 *       reached the agreement level). Skipped: "no agreement" is not the same as "neutral", which has
 *       its own column.</li>
 *   <li>{@link Rule#BELOW_MIN_SCORE}: the largest class score is below {@link Options#minScore()}.
 *       Skipped. Off by default (0).</li>
 *   <li>{@link Rule#TIE_SKIPPED} or {@link Rule#TIE_NEUTRAL}: two or three classes share the largest
 *       score (within 1e-9, so 0.1 + 0.2 ties 0.3). Skipped by default ({@link TiePolicy#SKIP});
 *       {@link TiePolicy#NEUTRAL} labels them neutral instead.</li>
 *   <li>{@link Rule#LARGEST}: otherwise the class with the largest score.</li>
 * </ol>
 *
 * <p>A class's score is the sum of the scores of the emotions the {@link EmotionMapping} assigns to it.
 * For the fraction file that is how many of that class's emotions an average annotator chose; for the
 * 0/1 files it is the number of that class's emotions that reached the agreement level. So
 * {@code minScore} 0.5 on the fraction file asks for at least half an emotion of the winning class per
 * annotator; 2 on a 0/1 file asks for two agreed emotions.
 */
public final class LabelDerivation {
    /** Scores closer than this are equal (sums of decimal fractions are not exact in binary). */
    public static final double TIE_TOLERANCE = 1e-9;

    private LabelDerivation() {
    }

    /** The rule that decided a row. */
    public enum Rule {
        /** One class has the largest score: labelled with it. */
        LARGEST("largest class score", true),
        /** Classes share the largest score, ties skipped. */
        TIE_SKIPPED("tie, skipped", false),
        /** Classes share the largest score, ties labelled neutral. */
        TIE_NEUTRAL("tie, labelled neutral", true),
        /** All 20 scores are 0: skipped. */
        NOTHING_CHOSEN("nothing chosen (all 0), skipped", false),
        /** The largest class score is below the minimum: skipped. */
        BELOW_MIN_SCORE("below --min-score, skipped", false);

        private final String description;
        private final boolean labels;

        Rule(String description, boolean labels) {
            this.description = description;
            this.labels = labels;
        }

        /** A few words for reports. */
        public String description() {
            return description;
        }

        /** True when rows decided by this rule get a label. */
        public boolean labels() {
            return labels;
        }
    }

    /** What to do with rows whose top classes tie. */
    public enum TiePolicy {
        /** Leave them out (default). */
        SKIP,
        /** Label them neutral (mixed feelings). */
        NEUTRAL;

        /** The lower-case name used on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }

        /** Parses skip or neutral (case-insensitive); the error names the allowed values. */
        public static TiePolicy parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (TiePolicy p : values()) {
                if (p.label().equals(t)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown tie policy '" + text + "': allowed skip, neutral");
        }
    }

    /**
     * Settings of the derivation.
     *
     * @param minScore the smallest winning class score that still gives a label; 0 turns the rule off
     * @param ties     what to do with ties
     */
    public record Options(double minScore, TiePolicy ties) {
        /** No minimum, ties skipped. */
        public static final Options DEFAULT = new Options(0, TiePolicy.SKIP);

        /** Checks that {@code minScore} is finite and not negative and that a tie policy is given. */
        public Options {
            if (!(minScore >= 0) || Double.isInfinite(minScore)) {
                throw new IllegalArgumentException("min score must be a finite number >= 0, got " + minScore);
            }
            if (ties == null) {
                throw new IllegalArgumentException("tie policy is required");
            }
        }

        /** One line for reports. */
        public String describe() {
            return "class with the largest summed score; ties " + (ties == TiePolicy.SKIP ? "skipped" : "labelled neutral")
                    + "; all-0 rows skipped; " + (minScore > 0
                    ? "rows whose largest class score is below " + fmt(minScore) + " skipped" : "no --min-score");
        }
    }

    /**
     * How one row was decided.
     *
     * @param row         the row
     * @param rule        the rule that decided it
     * @param emotion     its class, or null when the rule skips it
     * @param classScores summed scores indexed by {@link Emotion#index()}
     */
    public record Decision(Row row, Rule rule, Emotion emotion, double[] classScores) {
    }

    /**
     * The decisions for all rows with their counts.
     *
     * @param decisions one per row, in row order
     * @param perRule   how many rows each rule decided (every rule present, 0 when unused)
     * @param perClass  labelled rows per class, indexed by {@link Emotion#index()}
     */
    public record Result(List<Decision> decisions, Map<Rule, Integer> perRule, int[] perClass) {
        /** Rows that got a label. */
        public int labelled() {
            return Arrays.stream(perClass).sum();
        }

        /** Rows left out. */
        public int skipped() {
            return decisions.size() - labelled();
        }

        /** Rows decided by {@code rule}. */
        public int count(Rule rule) {
            return perRule.getOrDefault(rule, 0);
        }

        /** "largest class score 3, tie, skipped 1, ..." for the rules that can occur under {@code options}. */
        public String describeRules(Options options) {
            return Arrays.stream(Rule.values())
                    .filter(r -> r != (options.ties() == TiePolicy.SKIP ? Rule.TIE_NEUTRAL : Rule.TIE_SKIPPED))
                    .map(r -> r.description() + " " + count(r)).collect(Collectors.joining(" | "));
        }
    }

    /** Decides one row. */
    public static Decision decide(Row row, EmotionMapping mapping, Options options) {
        double[] classScores = new double[Emotion.COUNT];
        for (WikiArtEmotion e : WikiArtEmotion.values()) {
            classScores[mapping.classOf(e).index()] += row.score(e);
        }
        if (row.nothingChosen()) {
            return new Decision(row, Rule.NOTHING_CHOSEN, null, classScores);
        }
        double max = Arrays.stream(classScores).max().orElse(0);
        if (max + TIE_TOLERANCE < options.minScore()) {
            return new Decision(row, Rule.BELOW_MIN_SCORE, null, classScores);
        }
        List<Emotion> top = new ArrayList<>();
        for (Emotion c : Emotion.values()) {
            if (classScores[c.index()] >= max - TIE_TOLERANCE) {
                top.add(c);
            }
        }
        if (top.size() > 1) {
            return options.ties() == TiePolicy.SKIP
                    ? new Decision(row, Rule.TIE_SKIPPED, null, classScores)
                    : new Decision(row, Rule.TIE_NEUTRAL, Emotion.NEUTRAL, classScores);
        }
        return new Decision(row, Rule.LARGEST, top.get(0), classScores);
    }

    /** Decides every row and counts rules and classes. */
    public static Result derive(List<Row> rows, EmotionMapping mapping, Options options) {
        List<Decision> decisions = new ArrayList<>(rows.size());
        Map<Rule, Integer> perRule = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            perRule.put(r, 0);
        }
        int[] perClass = new int[Emotion.COUNT];
        for (Row row : rows) {
            Decision d = decide(row, mapping, options);
            decisions.add(d);
            perRule.merge(d.rule(), 1, Integer::sum);
            if (d.emotion() != null) {
                perClass[d.emotion().index()]++;
            }
        }
        return new Result(List.copyOf(decisions), Collections.unmodifiableMap(perRule), perClass);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
