package org.emotionart.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.TestData;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyCsvTest {
    static final List<String> HEADER = List.of("path", "reason");
    @TempDir
    Path dir;

    @Test
    void createsWithHeaderAppendsAndResumesAfterATornLine() throws Exception {
        Path f = dir.resolve("sub/list.csv");
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(f, HEADER, "list")) {
            assertEquals(0, csv.existing().size());
            csv.append(List.of(List.of("a/1.jpg", "truncated"), List.of("a/2,x.jpg", "say \"no\"")));
        }
        assertEquals("path,reason\na/1.jpg,truncated\n\"a/2,x.jpg\",\"say \"\"no\"\"\"\n", Files.readString(f));
        Files.writeString(f, "a/3.jpg,trun", java.nio.file.StandardOpenOption.APPEND);
        try (AppendOnlyCsv csv = AppendOnlyCsv.open(f, HEADER, "list")) {
            assertEquals(12, csv.droppedBytes());
            assertEquals(2, csv.existing().size());
            assertEquals("a/2,x.jpg", csv.existing().get(1).get(0));
            assertEquals("say \"no\"", csv.existing().get(1).get(1));
            csv.append(List.of(List.of("a/3.jpg", "truncated")));
        }
        assertEquals(4, Files.readAllLines(f).size());
        assertTrue(Files.readString(f).endsWith("\na/3.jpg,truncated\n"));
    }

    @Test
    void refusesAnotherHeaderAndASecondWriter() throws Exception {
        Path other = Files.writeString(dir.resolve("labels.csv"), "path,style,emotion\n");
        var e = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(other, HEADER, "list of broken files"));
        assertEquals(other + " exists and is not a list of broken files: its first line is 'path,style,emotion', "
                + "expected 'path,reason'; choose another --out or remove it", e.getMessage());
        assertEquals("path,style,emotion\n", Files.readString(other));

        Path f = dir.resolve("busy.csv");
        try (AppendOnlyCsv first = AppendOnlyCsv.open(f, HEADER, "list")) {
            var busy = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(f, HEADER, "list"));
            assertTrue(busy.getMessage().startsWith("another run is writing " + f), busy.getMessage());
            first.append(List.of(List.of("x", "y")));
        }
        assertEquals("path,reason\nx,y\n", Files.readString(f));
    }

    @Test
    void aFileThatIsNotTheCsvIsNeitherCutNorWrittenEvenWithoutAFinalLineBreak() throws Exception {
        for (String content : List.of("my only line, no newline at the end", "line 1\nline 2 no newline",
                "path,reason,extra\nx,y,z")) {
            Path f = Files.writeString(dir.resolve("notes.txt"), content);
            var e = assertThrows(org.emotionart.BadPathException.class, () -> AppendOnlyCsv.open(f, HEADER, "list"));
            assertTrue(e.getMessage().startsWith(f + " exists and is not a list: its first line is '"), e.getMessage());
            assertEquals(content, Files.readString(f), "the file is left as it was");
        }
    }

    @Test
    void aHeaderCutShortIsWrittenAgainAndAnEmptyFileGetsOne() throws Exception {
        for (String torn : List.of("path,reason", "path,re")) {
            Path f = Files.writeString(dir.resolve("list.csv"), torn);
            try (AppendOnlyCsv csv = AppendOnlyCsv.open(f, HEADER, "list")) {
                assertEquals(0, csv.existing().size());
            }
            assertEquals("path,reason\n", Files.readString(f));
        }
        Path other = Files.writeString(dir.resolve("other.csv"), "path,rx");
        assertThrows(org.emotionart.BadPathException.class, () -> AppendOnlyCsv.open(other, HEADER, "list"));
        assertEquals("path,rx", Files.readString(other));
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        AppendOnlyCsv.open(empty, HEADER, "list").close();
        assertEquals("path,reason\n", Files.readString(empty));
    }

    @Test
    void aHugeSparseFileWithTheRightHeaderIsRefusedAtOnceAndLeftAlone() throws Exception {
        Path f = Files.writeString(dir.resolve("big.csv"), "path,reason\n");
        TestData.sparse(f, 1_500_000_000L);
        var e = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(f, HEADER, "list"));
        assertEquals(f + " is 1,500,000,000 bytes, more than a list can be (at most 256 MB); choose another --out",
                e.getMessage());
        assertEquals(1_500_000_000L, Files.size(f));
    }

    @Test
    void aLongLineOrAnUnclosedQuoteIsRefusedWithoutBuildingItInMemory() throws Exception {
        Path f = dir.resolve("long.csv");
        Files.writeString(f, "path,reason\nx,y\n\"a," + "z".repeat(200_000) + "\n" + "w,v\n".repeat(50_000));
        var e = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(f, HEADER, "list"));
        assertEquals(f + ": line 3: longer than 64 KB, the most a line of a list can be (a quote that never closes, "
                + "or not the right file?)", e.getMessage());
        Path quote = dir.resolve("quote.csv");
        Files.writeString(quote, "path,reason\n\"x,y\n" + "a,b\n".repeat(100_000));
        var q = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(quote, HEADER, "list"));
        assertTrue(q.getMessage().startsWith(quote + ": line 2: longer than 64 KB"), q.getMessage());
        Path torn = dir.resolve("torn.csv");
        Files.writeString(torn, "path,reason\n\"x,y\n");
        var t = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(torn, HEADER, "list"));
        assertTrue(t.getMessage().startsWith(torn + ": line "), t.getMessage());
        assertTrue(t.getMessage().contains("not valid CSV"), t.getMessage());
        assertEquals("path,reason\n\"x,y\n", Files.readString(torn));
    }

    @Test
    void aDeviceIsNotAFile() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        var e = assertThrows(org.emotionart.BadPathException.class, () -> AppendOnlyCsv.open(zero, HEADER, "list"));
        assertEquals("/dev/zero is not a regular file (a device or a pipe?): give a list (a CSV file)", e.getMessage());
    }

    @Test
    void aHeaderQuotedInAnErrorIsCutAndItsControlCharactersEscaped() throws Exception {
        Path f = Files.writeString(dir.resolve("ansi.csv"), "\u001b[2J" + "c,".repeat(10_000) + "\n");
        var e = assertThrows(EmotionArtException.class, () -> AppendOnlyCsv.open(f, HEADER, "list"));
        assertTrue(e.getMessage().contains("its first line is '\\u001B[2Jc,c,"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }
}
