package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.TestData;
import org.emotionart.BadPathException;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading labels files that are not what they should be: one line each, bounded memory. */
class LabelsFileTest {
    static final String HEADER = "path,style,emotion\n";
    @TempDir
    Path dir;

    private EmotionArtException failure(Path f) {
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> LabelsFile.read(f));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        return e;
    }

    @Test
    void aByteOrderMarkAsExcelWritesItIsSkipped() throws Exception {
        Path f = dir.resolve("labels.csv");
        Files.write(f, ("\uFEFF" + HEADER + "landscape/a.jpg,landscape,positive\n").getBytes(StandardCharsets.UTF_8));
        List<LabelledImage> rows = LabelsFile.read(f);
        assertEquals(1, rows.size());
        assertEquals(Emotion.POSITIVE, rows.get(0).emotion());
    }

    @Test
    void aByteThatIsNotUtf8IsReportedWithItsLineAndColumn() throws Exception {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, (HEADER + "landscape/a.jpg,landscape,positive\nlandscape/caf\u00e9.jpg,landscape,neutral\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(f + ": line 3, column 1: not UTF-8 text (byte 0xE9); a labels file is UTF-8 text — was it saved "
                + "in another encoding (Latin-1, Windows-1252)?", failure(f).getMessage());
        Path g = dir.resolve("latin1-emotion.csv");
        Files.write(g, (HEADER + "\"landscape/a,b.jpg\",landscape,n\u00e9gative\n").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(failure(g).getMessage().startsWith(g + ": line 2, column 3: not UTF-8 text (byte 0xE9)"));
    }

    @Test
    void aHugeSparseFileIsRefusedBeforeItIsRead() throws Exception {
        Path f = Files.writeString(dir.resolve("labels.csv"), HEADER);
        TestData.sparse(f, 1_500_000_000L);
        EmotionArtException e = failure(f);
        assertEquals(f + " is 1,500,000,000 bytes, more than a labels file can be (at most 256 MB): is it the right "
                + "file?", e.getMessage());
    }

    @Test
    void aLongLineOrAQuoteThatNeverClosesIsRefusedAtTheLimit() throws Exception {
        Path f = Files.writeString(dir.resolve("long.csv"), HEADER + "x".repeat(100_000) + ",landscape,positive\n");
        assertEquals(f + ": line 2: longer than 64 KB, the most a line of a labels file can be (a quote that never "
                + "closes, or not the right file?)", failure(f).getMessage());
        Path q = Files.writeString(dir.resolve("quote.csv"), HEADER + "\"landscape/x.png,landscape,positive\n"
                + "landscape/y.png,landscape,positive\n".repeat(5_000));
        assertTrue(failure(q).getMessage().startsWith(q + ": line 2: longer than 64 KB"));
        // a sparse file under the size limit: NUL bytes on one line, refused after 64 KB of it
        Path sparse = Files.writeString(dir.resolve("sparse.csv"), HEADER);
        TestData.sparse(sparse, 200_000_000L);
        assertTrue(failure(sparse).getMessage().startsWith(sparse + ": line 2: longer than 64 KB"));
    }

    @Test
    void aDeviceOrAFolderIsAWrongPath() throws Exception {
        Path link = dir.resolve("labels.csv");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        BadPathException e = assertThrows(BadPathException.class, () -> LabelsFile.read(link));
        assertEquals(link + " is not a regular file (a device or a pipe?): give a labels file", e.getMessage());
        assertThrows(BadPathException.class, () -> LabelsFile.read(dir));
        assertThrows(BadPathException.class, () -> LabelsFile.read(dir.resolve("none.csv")));
    }

    @Test
    void textQuotedFromTheFileIsCutAndItsControlCharactersEscaped() throws Exception {
        StringBuilder wide = new StringBuilder("c0");
        for (int i = 1; i < 5_000; i++) {
            wide.append(",c").append(i);
        }
        Path f = Files.writeString(dir.resolve("wide.csv"), wide + "\n");
        String m = failure(f).getMessage();
        assertTrue(m.startsWith(f + ": line 1: missing column 'path' (a labels file has the columns path,style,emotion"
                + "[,p_negative,p_neutral,p_positive]; found [c0, c1, c2, c3, c4, c5, c6, c7, … (5000 in all)])"), m);

        Path ansi = Files.writeString(dir.resolve("ansi.csv"), HEADER
                + "landscape/a.png,landscape,\"\u001b[2J\u001b[31mpositive\nINJECTED\"\n");
        m = failure(ansi).getMessage();
        assertEquals(ansi + ": line 3: column 'emotion': unknown emotion '\\u001B[2J\\u001B[31mpositive\\nINJECTED': "
                + "allowed negative, neutral, positive", m);
    }

    @Test
    void malformedCsvIsOneLineWithoutTheParsersClassNames() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), HEADER + "\"landscape/a.png\"x,landscape,positive\n");
        String m = failure(f).getMessage();
        assertTrue(m.startsWith("cannot read labels file " + f + ": not valid CSV: "), m);
    }
}
