package org.emotionart.data;

import static org.emotionart.data.WikiArtTsv.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emotionart.TestData;
import org.emotionart.EmotionArtException;
import org.emotionart.data.WikiArtEmotions.Annotations;
import org.emotionart.data.WikiArtEmotions.Block;
import org.emotionart.data.WikiArtEmotions.Row;
import org.emotionart.data.WikiArtEmotions.ScoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WikiArtEmotionsTest {
    @TempDir
    Path dir;

    private Path all() throws IOException {
        return WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions());
    }

    private Path ag4() throws IOException {
        return WikiArtTsv.write(dir.resolve("WikiArt-Emotions-Ag4.tsv"), WikiArtTsv.binary());
    }

    @Test
    void fixtureIsTheRealLayout() throws IOException {
        String text = Files.readString(all(), StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertEquals(8, lines.length, "header, 6 rows, then the empty rest after the final CRLF");
        assertEquals(72, lines[0].split("\t", -1).length);
        assertEquals(72, lines[3].split("\t", -1).length);
        assertTrue(lines[0].startsWith("ID\tStyle\tCategory\tArtist\tTitle\tYear\tImage URL\t"));
        assertTrue(lines[0].endsWith("\tTitleOnly: trust\tTitleOnly: neutral"));
    }

    @Test
    void readsTheFractionVariant() throws IOException {
        Annotations a = WikiArtEmotions.read(all(), Block.IMAGE);
        assertEquals(ScoreKind.FRACTIONS, a.variant().kind());
        assertEquals(0, a.variant().agreementPercent());
        assertTrue(a.variant().description().startsWith("fractions"), a.variant().description());
        assertEquals(6, a.rows().size());

        Row dali = a.rows().get(0);
        assertEquals(2, dali.line());
        assertEquals(WikiArtTsv.ID_DALI, dali.id());
        assertEquals("Salvador Dali", dali.artist());
        assertEquals("The Persistence of Memory", dali.title());
        assertEquals("the-persistence-of-memory-1931.jpg", dali.imageFileName());
        assertEquals(0.4, dali.score(WikiArtEmotion.ANTICIPATION));
        assertEquals(0.0, dali.score(WikiArtEmotion.HAPPINESS));

        Row monet = a.rows().get(1);
        assertEquals(WikiArtTsv.MONET_TITLE, monet.title(), "UTF-8 accents and dash kept");
        assertEquals("impression-soleil-levant-été.jpg", monet.imageFileName(), "URL name percent-decoded");

        Row munch = a.rows().get(2);
        assertEquals(WikiArtTsv.MUNCH_TITLE, munch.title(), "a stray double quote is an ordinary character");
        assertEquals(0.5, munch.score(WikiArtEmotion.FEAR));
        assertEquals("\"Untitled", a.rows().get(4).title(), "a title starting with a quote does not start quoting");
        assertTrue(a.rows().get(4).nothingChosen());
        assertEquals(0.036, a.rows().get(5).score(WikiArtEmotion.TRUST));
        assertEquals(7, a.rows().get(5).line());
    }

    @Test
    void readsTheBinaryVariantAndItsAgreementLevel() throws IOException {
        Annotations a = WikiArtEmotions.read(ag4(), Block.IMAGE);
        assertEquals(ScoreKind.BINARY, a.variant().kind());
        assertTrue(a.variant().binary());
        assertEquals(40, a.variant().agreementPercent());
        assertTrue(a.variant().description().contains("at least 40% of annotators"), a.variant().description());
        assertEquals(1.0, a.rows().get(1).score(WikiArtEmotion.HAPPINESS));
    }

    @Test
    void binaryValuesWithoutAgInTheNameHaveUnknownAgreement() throws IOException {
        Path f = WikiArtTsv.write(dir.resolve("annotations.tsv"), WikiArtTsv.binary());
        Annotations a = WikiArtEmotions.read(f, Block.IMAGE);
        assertEquals(ScoreKind.BINARY, a.variant().kind());
        assertEquals(0, a.variant().agreementPercent());
        assertTrue(a.variant().description().contains("unknown"), a.variant().description());
    }

    @Test
    void valuesDecideOverAMisleadingFileName() throws IOException {
        Path f = WikiArtTsv.write(dir.resolve("WikiArt-Emotions-Ag3.tsv"), WikiArtTsv.fractions());
        Annotations a = WikiArtEmotions.read(f, Block.IMAGE);
        assertEquals(ScoreKind.FRACTIONS, a.variant().kind());
        assertTrue(a.variant().description().contains("file name says 'Ag3'"), a.variant().description());
    }

    @Test
    void blockSelectsTheColumns() throws IOException {
        Path f = all();
        Row image = WikiArtEmotions.read(f, Block.IMAGE).rows().get(0);
        Row art = WikiArtEmotions.read(f, Block.ART).rows().get(0);
        Row title = WikiArtEmotions.read(f, Block.TITLE).rows().get(0);
        assertEquals(0.4, image.score(WikiArtEmotion.ANTICIPATION));
        assertEquals(0.2, image.score(WikiArtEmotion.FEAR));
        assertEquals(0.6, art.score(WikiArtEmotion.FEAR));
        assertEquals(0.0, art.score(WikiArtEmotion.ANTICIPATION));
        assertEquals(0.5, title.score(WikiArtEmotion.SADNESS));
        assertEquals(0.0, title.score(WikiArtEmotion.FEAR));
        assertEquals(Block.IMAGE, Block.parse(" Image "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Block.parse("both"));
        assertTrue(e.getMessage().contains("allowed image (ImageOnly), art (Art (image+title)), title (TitleOnly)"),
                e.getMessage());
    }

    @Test
    void toleratesBomSpacesInHeaderNamesLfLineEndsReorderedColumnsAndBlankLines() throws IOException {
        List<String> header = new ArrayList<>(WikiArtTsv.header());
        List<List<String>> rows = new ArrayList<>();
        for (WikiArtTsv.Painting p : WikiArtTsv.fractions()) {
            rows.add(new ArrayList<>(p.fields()));
        }
        // swap two columns, pad header names with spaces
        java.util.Collections.swap(header, 0, 4);
        for (List<String> r : rows) {
            java.util.Collections.swap(r, 0, 4);
        }
        header.replaceAll(h -> " " + h + "  ");
        StringBuilder sb = new StringBuilder("\uFEFF").append(String.join("\t", header)).append('\n');
        for (List<String> r : rows) {
            sb.append(String.join("\t", r)).append("\n\n");
        }
        Path f = dir.resolve("bom.tsv");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        Annotations a = WikiArtEmotions.read(f, Block.IMAGE);
        assertEquals(6, a.rows().size());
        assertEquals(WikiArtTsv.ID_DALI, a.rows().get(0).id());
        assertEquals("The Persistence of Memory", a.rows().get(0).title());
        assertEquals(4, a.rows().get(1).line(), "blank lines count for line numbers");
    }

    @Test
    void trailingEmptyFieldsAreTolerated() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> r = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        r.add("");
        rows.add(r);
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.header(), rows);
        assertEquals(1, WikiArtEmotions.read(f, Block.IMAGE).rows().size());
    }

    @Test
    void urlFileNames() {
        assertEquals("a b+c.jpg", WikiArtEmotions.imageFileName("https://x.org/images/p/a%20b+c.jpg?v=1#frag"));
        assertEquals("a%20b+c.jpg", WikiArtEmotions.rawImageFileName("https://x.org/images/p/a%20b+c.jpg?v=1"));
        assertEquals("bad%zz.jpg", WikiArtEmotions.imageFileName("https://x.org/bad%zz.jpg"));
        assertEquals("", WikiArtEmotions.imageFileName(""));
    }

    // ---- malformed files: file, line and column in the message ----

    private static EmotionArtException failure(Path f) {
        return assertThrows(EmotionArtException.class, () -> WikiArtEmotions.read(f, Block.IMAGE));
    }

    private static void assertMentions(EmotionArtException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void missingColumn() throws IOException {
        List<String> header = new ArrayList<>(WikiArtTsv.header());
        int fear = header.indexOf("ImageOnly: fear");
        header.remove(fear);
        List<List<String>> rows = new ArrayList<>();
        for (WikiArtTsv.Painting p : WikiArtTsv.fractions()) {
            List<String> r = new ArrayList<>(p.fields());
            r.remove(fear);
            rows.add(r);
        }
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), header, rows);
        assertMentions(failure(f), f.toString(), "line 1", "missing column 'ImageOnly: fear'", "found 71 columns");
        // the other blocks do not need it
        assertEquals(6, WikiArtEmotions.read(f, Block.ART).rows().size());
    }

    @Test
    void wrongHeader() throws IOException {
        Path f = dir.resolve("labels.csv");
        Files.writeString(f, "path,style,emotion\r\nx.png,a,positive\r\n");
        assertMentions(failure(f), f.toString(), "line 1", "missing column 'ID'", "tab-separated");

        Path g = dir.resolve("noheader.tsv");
        List<List<String>> rows = new ArrayList<>();
        rows.add(WikiArtTsv.fractions().get(1).fields());
        WikiArtTsv.writeRaw(g, WikiArtTsv.fractions().get(0).fields(), rows);
        assertMentions(failure(g), "line 1", "missing column 'ID'");

        Path h = dir.resolve("dup.tsv");
        List<String> header = new ArrayList<>(WikiArtTsv.header());
        header.set(column("Year") - 1, "ID");
        WikiArtTsv.writeRaw(h, header, List.of());
        assertMentions(failure(h), "line 1, column 6", "'ID' appears twice");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.writeString(dir.resolve("WikiArt-Emotions-Ag5.tsv"), "");
        assertMentions(failure(f), f.toString(), "line 1, column 1", "empty");
        Path g = Files.writeString(dir.resolve("blank.tsv"), "\r\n\r\n");
        assertMentions(failure(g), "line 1, column 1", "empty");
    }

    @Test
    void headerOnlyIsZeroRows() throws IOException {
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-Ag5.tsv"), WikiArtTsv.header(), List.of());
        Annotations a = WikiArtEmotions.read(f, Block.IMAGE);
        assertEquals(0, a.rows().size());
        assertEquals(50, a.variant().agreementPercent());
    }

    @Test
    void shortRow() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(WikiArtTsv.fractions().get(0).fields());
        rows.add(WikiArtTsv.fractions().get(1).fields().subList(0, 40));
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.header(), rows);
        assertMentions(failure(f), f.toString(), "line 3, column 41 ('ImageOnly: happiness')", "ends after 40 fields",
                "72 columns");
    }

    @Test
    void extraField() throws IOException {
        List<String> r = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        r.add(4, "stray");
        Path f = WikiArtTsv.writeRaw(dir.resolve("x.tsv"), WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 73", "unexpected field '0'");
    }

    @Test
    void badNumber() throws IOException {
        List<String> r = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        int c = column("ImageOnly: arrogance");
        r.set(c - 1, "0,5");
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.header(),
                List.of(WikiArtTsv.fractions().get(1).fields(), r));
        assertEquals(36, c);
        assertMentions(failure(f), f.toString(), "line 3, column 36 ('ImageOnly: arrogance')", "not a number: '0,5'");

        r.set(c - 1, "NaN");
        WikiArtTsv.writeRaw(f, WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 36", "not a number: 'NaN'");

        r.set(c - 1, "");
        WikiArtTsv.writeRaw(f, WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 36", "empty value");
    }

    @Test
    void badNumberInAnotherBlockIsStillAnError() throws IOException {
        List<String> r = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        r.set(column("TitleOnly: trust") - 1, "high");
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 71 ('TitleOnly: trust')", "not a number: 'high'");
    }

    @Test
    void valueOutsideZeroOne() throws IOException {
        List<String> r = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        r.set(column("ImageOnly: love") - 1, "1.5");
        Path f = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 43 ('ImageOnly: love')", "1.5 is outside [0, 1]");
        r.set(column("ImageOnly: love") - 1, "-0.1");
        WikiArtTsv.writeRaw(f, WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 43", "-0.1 is outside [0, 1]");
    }

    @Test
    void emptyId() throws IOException {
        List<String> r = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        r.set(0, "");
        Path f = WikiArtTsv.writeRaw(dir.resolve("x.tsv"), WikiArtTsv.header(), List.of(r));
        assertMentions(failure(f), "line 2, column 1 ('ID')", "empty ID");
    }

    @Test
    void notUtf8() throws IOException {
        Path f = WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions());
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1)); // é as one byte 0xE9
        assertMentions(failure(f), "line 3, column 5", "not UTF-8");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.tsv");
        assertMentions(failure(f), "not found", f.toString());
    }

    @Test
    void rowScoresAreTheBlockInEmotionOrder() throws IOException {
        double[] expected = new double[WikiArtEmotion.COUNT];
        expected[WikiArtEmotion.HAPPINESS.ordinal()] = 0.6;
        expected[WikiArtEmotion.OPTIMISM.ordinal()] = 0.3;
        expected[WikiArtEmotion.SADNESS.ordinal()] = 0.1;
        assertArrayEquals(expected, WikiArtEmotions.read(all(), Block.IMAGE).rows().get(1).scores());
    }

    // ---- files too large, lines too long, devices: refused before they fill the memory ----

    @Test
    void aHugeSparseFileIsRefusedBeforeItIsRead() throws IOException {
        Path f = Files.createFile(dir.resolve("WikiArt-Emotions-All.tsv"));
        TestData.sparse(f, 1_500_000_000L);
        EmotionArtException e = failure(f);
        assertEquals(f + " is 1,500,000,000 bytes, more than a WikiArt Emotions file can be (at most 64 MB): is it the "
                + "right file?", e.getMessage());
    }

    @Test
    void aLineLongerThan64KbIsRefused() throws IOException {
        Path f = WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions());
        Files.writeString(f, "x".repeat(70_000) + "\n", java.nio.file.StandardOpenOption.APPEND);
        EmotionArtException e = failure(f);
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(f.toString()) + ": line \\d+: longer than 64 KB, "
                + "the most a line of a WikiArt Emotions file can be \\(not the right file\\?\\)"), e.getMessage());
    }

    @Test
    void aDeviceIsAWrongPath() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        var e = assertThrows(org.emotionart.BadPathException.class,
                () -> WikiArtEmotions.read(Path.of("/dev/zero"), Block.IMAGE));
        assertEquals("/dev/zero is not a regular file (a device or a pipe?): give a WikiArt Emotions file", e.getMessage());
    }
}
