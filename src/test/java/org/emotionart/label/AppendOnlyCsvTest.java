package org.emotionart.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
