package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.emotionart.Emotion;
import org.emotionart.data.LabelDerivation.Decision;
import org.emotionart.data.LabelDerivation.Options;
import org.emotionart.data.LabelDerivation.Result;
import org.emotionart.data.LabelDerivation.Rule;
import org.emotionart.data.LabelDerivation.TiePolicy;
import org.emotionart.data.WikiArtEmotions.Block;
import org.emotionart.data.WikiArtEmotions.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelDerivationTest {
    @TempDir
    Path dir;

    private List<Row> fractions(Block block) throws IOException {
        return WikiArtEmotions.read(WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions()),
                block).rows();
    }

    private List<Row> binary() throws IOException {
        return WikiArtEmotions.read(WikiArtTsv.write(dir.resolve("WikiArt-Emotions-Ag4.tsv"), WikiArtTsv.binary()),
                Block.IMAGE).rows();
    }

    private static List<Rule> rules(Result r) {
        return r.decisions().stream().map(Decision::rule).toList();
    }

    private static List<Emotion> classes(Result r) {
        List<Emotion> out = new ArrayList<>();
        r.decisions().forEach(d -> out.add(d.emotion()));
        return out;
    }

    private static List<Emotion> list(Emotion... e) {
        return new ArrayList<>(java.util.Arrays.asList(e));
    }

    @Test
    void defaultsOnFractions() throws IOException {
        Result r = LabelDerivation.derive(fractions(Block.IMAGE), EmotionMapping.DEFAULT, Options.DEFAULT);
        // dali: neutral 0.7 vs negative 0.2; monet: positive 0.9 vs 0.1; munch: negative 0.9;
        // van gogh: positive 0.1 + 0.2 vs negative 0.3 (a tie despite binary rounding); picasso: all 0;
        // rembrandt: negative 0.05 vs positive 0.046
        assertEquals(List.of(Rule.LARGEST, Rule.LARGEST, Rule.LARGEST, Rule.TIE_SKIPPED, Rule.NOTHING_CHOSEN,
                Rule.LARGEST), rules(r));
        assertEquals(list(Emotion.NEUTRAL, Emotion.POSITIVE, Emotion.NEGATIVE, null, null, Emotion.NEGATIVE), classes(r));
        assertEquals(4, r.count(Rule.LARGEST));
        assertEquals(1, r.count(Rule.TIE_SKIPPED));
        assertEquals(1, r.count(Rule.NOTHING_CHOSEN));
        assertEquals(0, r.count(Rule.BELOW_MIN_SCORE));
        assertEquals(0, r.count(Rule.TIE_NEUTRAL));
        assertArrayEquals(new int[] {2, 1, 1}, r.perClass());
        assertEquals(4, r.labelled());
        assertEquals(2, r.skipped());
        assertEquals(0.7, r.decisions().get(0).classScores()[Emotion.NEUTRAL.index()], 1e-12);
    }

    @Test
    void tiesCanBeLabelledNeutral() throws IOException {
        Result r = LabelDerivation.derive(fractions(Block.IMAGE), EmotionMapping.DEFAULT,
                new Options(0, TiePolicy.NEUTRAL));
        assertEquals(Rule.TIE_NEUTRAL, r.decisions().get(3).rule());
        assertEquals(Emotion.NEUTRAL, r.decisions().get(3).emotion());
        assertEquals(1, r.count(Rule.TIE_NEUTRAL));
        assertEquals(0, r.count(Rule.TIE_SKIPPED));
        assertArrayEquals(new int[] {2, 2, 1}, r.perClass());
    }

    @Test
    void minScoreSkipsWeakRows() throws IOException {
        Result r = LabelDerivation.derive(fractions(Block.IMAGE), EmotionMapping.DEFAULT,
                new Options(0.1, TiePolicy.SKIP));
        assertEquals(Rule.BELOW_MIN_SCORE, r.decisions().get(5).rule());
        assertNull(r.decisions().get(5).emotion());
        assertEquals(1, r.count(Rule.BELOW_MIN_SCORE));
        assertEquals(1, r.count(Rule.NOTHING_CHOSEN), "all-0 rows count as nothing chosen, not below the minimum");
        // the minimum is inclusive, within the tie tolerance: dali's neutral score is 0.4 + 0.3
        Result exact = LabelDerivation.derive(fractions(Block.IMAGE), EmotionMapping.DEFAULT,
                new Options(0.7, TiePolicy.SKIP));
        assertEquals(Rule.LARGEST, exact.decisions().get(0).rule());
    }

    @Test
    void binaryRows() throws IOException {
        Result r = LabelDerivation.derive(binary(), EmotionMapping.DEFAULT, Options.DEFAULT);
        assertEquals(List.of(Rule.LARGEST, Rule.LARGEST, Rule.LARGEST, Rule.TIE_SKIPPED, Rule.NOTHING_CHOSEN,
                Rule.LARGEST), rules(r));
        assertArrayEquals(new int[] {2, 1, 1}, r.perClass());
        // two agreed negative emotions (munch) pass --min-score 2, a single one (rembrandt) does not
        Result two = LabelDerivation.derive(binary(), EmotionMapping.DEFAULT, new Options(2, TiePolicy.SKIP));
        assertEquals(Rule.LARGEST, two.decisions().get(2).rule());
        assertEquals(Rule.BELOW_MIN_SCORE, two.decisions().get(5).rule());
        assertEquals(3, two.count(Rule.BELOW_MIN_SCORE));
    }

    @Test
    void otherBlocksGiveOtherLabels() throws IOException {
        Result art = LabelDerivation.derive(fractions(Block.ART), EmotionMapping.DEFAULT, Options.DEFAULT);
        assertEquals(list(Emotion.NEGATIVE, Emotion.POSITIVE, Emotion.NEGATIVE, Emotion.POSITIVE, Emotion.POSITIVE,
                null), classes(art));
        assertEquals(Rule.NOTHING_CHOSEN, art.decisions().get(5).rule());
    }

    @Test
    void threeWayTie() {
        double[] s = new double[WikiArtEmotion.COUNT];
        s[WikiArtEmotion.LOVE.ordinal()] = 1;
        s[WikiArtEmotion.FEAR.ordinal()] = 1;
        s[WikiArtEmotion.NEUTRAL.ordinal()] = 1;
        Row row = new Row(2, "x", "a", "t", "", "", s);
        assertEquals(Rule.TIE_SKIPPED, LabelDerivation.decide(row, EmotionMapping.DEFAULT, Options.DEFAULT).rule());
        Decision d = LabelDerivation.decide(row, EmotionMapping.DEFAULT, new Options(0, TiePolicy.NEUTRAL));
        assertEquals(Emotion.NEUTRAL, d.emotion());
    }

    @Test
    void theMappingDecides() throws IOException {
        Map<WikiArtEmotion, Emotion> m = new EnumMap<>(WikiArtEmotion.class);
        for (WikiArtEmotion e : WikiArtEmotion.values()) {
            m.put(e, EmotionMapping.DEFAULT.classOf(e));
        }
        m.put(WikiArtEmotion.ANTICIPATION, Emotion.POSITIVE);
        m.put(WikiArtEmotion.SURPRISE, Emotion.POSITIVE);
        EmotionMapping custom = EmotionMapping.of(m, "test");
        Result r = LabelDerivation.derive(fractions(Block.IMAGE), custom, Options.DEFAULT);
        assertEquals(Emotion.POSITIVE, r.decisions().get(0).emotion(), "dali: 0.4 + 0.3 now positive");
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Options(-0.1, TiePolicy.SKIP));
        assertThrows(IllegalArgumentException.class, () -> new Options(Double.NaN, TiePolicy.SKIP));
        assertEquals(TiePolicy.NEUTRAL, TiePolicy.parse("Neutral"));
        assertThrows(IllegalArgumentException.class, () -> TiePolicy.parse("first"));
    }
}
