package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emotionart.TestData;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionMappingTest {
    @TempDir
    Path dir;

    @Test
    void defaultIsTheAuthorsGrouping() {
        EmotionMapping m = EmotionMapping.DEFAULT;
        assertEquals(List.of(WikiArtEmotion.GRATITUDE, WikiArtEmotion.HAPPINESS, WikiArtEmotion.HUMILITY,
                WikiArtEmotion.LOVE, WikiArtEmotion.OPTIMISM, WikiArtEmotion.TRUST), m.emotionsOf(Emotion.POSITIVE));
        assertEquals(List.of(WikiArtEmotion.ANGER, WikiArtEmotion.ARROGANCE, WikiArtEmotion.DISGUST,
                WikiArtEmotion.FEAR, WikiArtEmotion.PESSIMISM, WikiArtEmotion.REGRET, WikiArtEmotion.SADNESS,
                WikiArtEmotion.SHAME), m.emotionsOf(Emotion.NEGATIVE));
        assertEquals(List.of(WikiArtEmotion.AGREEABLENESS, WikiArtEmotion.ANTICIPATION,
                WikiArtEmotion.DISAGREEABLENESS, WikiArtEmotion.SHYNESS, WikiArtEmotion.SURPRISE,
                WikiArtEmotion.NEUTRAL), m.emotionsOf(Emotion.NEUTRAL));
        assertTrue(m.source().startsWith("default"));
    }

    /** A full mapping file: the default, with the given line replacing the emotion's own. */
    private Path mappingFile(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static List<String> defaultLines() {
        List<String> lines = new ArrayList<>();
        for (WikiArtEmotion e : WikiArtEmotion.values()) {
            lines.add(e.label() + " = " + EmotionMapping.DEFAULT.classOf(e).label());
        }
        return lines;
    }

    @Test
    void readsAMappingFile() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("\uFEFF# my grouping: surprise is a pleasant one");
        lines.add("");
        for (String l : defaultLines()) {
            lines.add(l.startsWith("surprise") ? "  Surprise=POSITIVE   # changed" : l);
        }
        Path f = mappingFile("mapping.txt", lines);
        EmotionMapping m = EmotionMapping.read(f);
        assertEquals(Emotion.POSITIVE, m.classOf(WikiArtEmotion.SURPRISE));
        assertEquals(Emotion.NEGATIVE, m.classOf(WikiArtEmotion.FEAR));
        assertEquals(7, m.emotionsOf(Emotion.POSITIVE).size());
        assertEquals(f.toString(), m.source());
    }

    private EmotionArtException bad(List<String> lines) throws IOException {
        Path f = mappingFile("bad.txt", lines);
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> EmotionMapping.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e;
    }

    private static void assertContains(EmotionArtException e, String part) {
        assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }

    @Test
    void rejectsAMappingThatMissesEmotions() throws IOException {
        List<String> lines = defaultLines();
        lines.removeIf(l -> l.startsWith("fear") || l.startsWith("love"));
        EmotionArtException e = bad(lines);
        assertContains(e, "each of the 20 emotions exactly once");
        assertContains(e, "missing 2: fear, love");
    }

    @Test
    void rejectsAnEmotionNamedTwice() throws IOException {
        List<String> lines = defaultLines();
        lines.add("fear = neutral");
        assertContains(bad(lines), "line 21: 'fear' is mapped twice (also on line 7)");
    }

    @Test
    void rejectsUnknownEmotionsClassesAndLines() throws IOException {
        List<String> lines = defaultLines();
        lines.set(3, "awe = positive");
        assertContains(bad(lines), "line 4: unknown emotion 'awe': allowed agreeableness, anger");

        lines = defaultLines();
        lines.set(0, "agreeableness = happy");
        assertContains(bad(lines), "line 1: class of 'agreeableness': unknown emotion 'happy': allowed negative, neutral, positive");

        lines = defaultLines();
        lines.set(1, "anger, negative");
        assertContains(bad(lines), "line 2: expected 'emotion = class'");
    }

    @Test
    void missingFile() {
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> EmotionMapping.read(dir.resolve("none.txt")));
        assertContains(e, "mapping file not found");
    }

    @Test
    void aHugeSparseFileOrALongLineIsRefusedBeforeItFillsTheMemory() throws IOException {
        Path f = Files.createFile(dir.resolve("mapping.txt"));
        TestData.sparse(f, 1_500_000_000L);
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> EmotionMapping.read(f));
        assertEquals(f + " is 1,500,000,000 bytes, more than a mapping file can be (at most 1 MB): is it the right file?",
                e.getMessage());
        List<String> lines = defaultLines();
        lines.add("# " + "x".repeat(10_000));
        assertContains(bad(lines), "line 21: longer than 4 KB, the most a line of a mapping file can be");
    }

    @Test
    void aByteThatIsNotUtf8IsReportedWithItsLineAndTextQuotedIsEscaped() throws IOException {
        List<String> lines = defaultLines();
        lines.set(2, "# caf\u00e9");
        Path f = dir.resolve("latin1.txt");
        Files.write(f, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> EmotionMapping.read(f));
        assertEquals(f + ": line 3, byte 6: not UTF-8 text (byte 0xE9); a mapping file is UTF-8 text — was it saved in "
                + "another encoding (Latin-1, Windows-1252)?", e.getMessage());

        lines = defaultLines();
        lines.set(1, "\u001b[31m" + "anger".repeat(100) + " = negative");
        String m = bad(lines).getMessage();
        assertTrue(m.contains("line 2: unknown emotion '\\u001B[31manger"), m);
        assertTrue(m.length() < 400 && m.chars().noneMatch(Character::isISOControl), m);
    }
}
