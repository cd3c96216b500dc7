package org.emotionart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emotionart.Emotion;
import org.emotionart.data.LabelledImage;
import org.emotionart.data.LabelsFile;
import org.emotionart.data.WikiArtEmotion;
import org.emotionart.data.WikiArtTsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionsCommandTest {
    @TempDir
    Path dir;



    private Path all() throws IOException {
        return WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions());
    }

    private static void assertOneLine(CliRun r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void reportsCountsForTheFractionFile() throws IOException {
        Path tsv = all();
        CliRun r = CliRun.of("data", "emotions", tsv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rows read:     6 from " + tsv + " (block image: the 'ImageOnly: <emotion>' columns)"),
                r.out());
        assertTrue(r.out().contains("variant:       fractions of annotators"), r.out());
        assertTrue(r.out().contains("mapping:       default (the dataset authors' grouping): positive = gratitude,"), r.out());
        assertTrue(r.out().contains("rules:         largest class score 4 | tie, skipped 1 | nothing chosen (all 0), "
                + "skipped 1 | below --min-score, skipped 0"), r.out());
        assertTrue(r.out().contains("labelled rows: 4 of 6: negative 2, neutral 1, positive 1"), r.out());
        assertFalse(r.out().contains("images:"), r.out());
    }

    @Test
    void optionsChangeTheLabels() throws IOException {
        Path tsv = WikiArtTsv.write(dir.resolve("WikiArt-Emotions-Ag4.tsv"), WikiArtTsv.binary());
        CliRun r = CliRun.of("data", "emotions", tsv.toString(), "--block", "ART", "--ties", "neutral", "--min-score", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("variant:       0/1, emotion chosen by at least 40% of annotators"), r.out());
        assertTrue(r.out().contains("(block art: the 'Art (image+title): <emotion>' columns)"), r.out());
        // art block: dali fear, monet happiness, munch fear; the other three have nothing chosen
        assertTrue(r.out().contains("rules:         largest class score 3 | tie, labelled neutral 0 | nothing chosen "
                + "(all 0), skipped 3 | below --min-score, skipped 0"), r.out());
        assertTrue(r.out().contains("labelled rows: 3 of 6: negative 2, neutral 0, positive 1"), r.out());
    }

    @Test
    void matchesImagesAndWritesALabelsFile() throws IOException {
        Path tsv = all();
        Path images = WikiArtTsv.images(dir.resolve("images"));
        Path labels = dir.resolve("out/wikiart-emotions-labels.csv");
        CliRun r = CliRun.of("data", "emotions", tsv.toString(), "--images", images.toString(), "--write-labels",
                labels.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("images:        4 of 6 rows matched a file in " + images), r.out());
        assertTrue(r.out().contains("without image: 2 (1 not found, 1 ambiguous, 0 sharing a file with an earlier row), "
                + "e.g. " + WikiArtTsv.ID_WEAK), r.out());
        assertTrue(r.out().contains("training rows: 3 labelled rows with an image: negative 1, neutral 1, positive 1"),
                r.out());
        assertTrue(r.out().contains("wrote:         " + labels + " (3 rows;"), r.out());

        List<LabelledImage> read = LabelsFile.read(labels);
        assertEquals(3, read.size());
        assertEquals("the-persistence-of-memory-1931.JPG", read.get(0).path());
        assertEquals("wikiart-emotions", read.get(0).style());
        assertEquals(Emotion.NEUTRAL, read.get(0).emotion());
        assertEquals("Impressionism/" + WikiArtTsv.MONET_NFD, read.get(1).path());
        assertEquals(Emotion.POSITIVE, read.get(1).emotion());
        assertEquals("Expressionism", read.get(2).style());
        assertEquals(Emotion.NEGATIVE, read.get(2).emotion());
        try (var files = Files.list(labels.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aCustomMapping() throws IOException {
        List<String> lines = new ArrayList<>();
        for (WikiArtEmotion e : WikiArtEmotion.values()) {
            lines.add(e + " = " + (e == WikiArtEmotion.ANTICIPATION || e == WikiArtEmotion.SURPRISE ? "positive"
                    : org.emotionart.data.EmotionMapping.DEFAULT.classOf(e).label()));
        }
        Path mapping = Files.write(dir.resolve("mapping.txt"), lines);
        CliRun r = CliRun.of("data", "emotions", all().toString(), "--mapping", mapping.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mapping:       " + mapping + ": positive = anticipation, gratitude"), r.out());
        assertTrue(r.out().contains("labelled rows: 4 of 6: negative 2, neutral 0, positive 2"), r.out());

        Files.write(mapping, lines.subList(0, 19));
        CliRun bad = CliRun.of("data", "emotions", all().toString(), "--mapping", mapping.toString());
        assertEquals(1, bad.exit());
        assertOneLine(bad);
        assertTrue(bad.err().contains(mapping + ": the mapping must name each of the 20 emotions exactly once; missing 1: "
                + "neutral"), bad.err());
    }

    @Test
    void badValuesAreUsageErrors() throws IOException {
        String tsv = all().toString();
        CliRun block = CliRun.of("data", "emotions", tsv, "--block", "both");
        assertEquals(2, block.exit());
        assertOneLine(block);
        assertTrue(block.err().contains("unknown block 'both': allowed image (ImageOnly), art (Art (image+title)), "
                + "title (TitleOnly)"), block.err());

        CliRun ties = CliRun.of("data", "emotions", tsv, "--ties", "first");
        assertEquals(2, ties.exit());
        assertOneLine(ties);
        assertTrue(ties.err().contains("allowed skip, neutral"), ties.err());

        for (String v : List.of("-1", "abc", "NaN")) {
            CliRun min = CliRun.of("data", "emotions", tsv, "--min-score", v);
            assertEquals(2, min.exit(), v + ": " + min.err());
            assertOneLine(min);
        }

        CliRun noImages = CliRun.of("data", "emotions", tsv, "--write-labels", dir.resolve("l.csv").toString());
        assertEquals(2, noImages.exit());
        assertOneLine(noImages);
        assertTrue(noImages.err().contains("--write-labels needs --images DIR"), noImages.err());

        CliRun noTsv = CliRun.of("data", "emotions");
        assertEquals(2, noTsv.exit());
    }

    @Test
    void malformedFilesFailWithFileLineAndColumn() throws IOException {
        List<String> row = new ArrayList<>(WikiArtTsv.fractions().get(0).fields());
        row.set(WikiArtTsv.column("ImageOnly: fear") - 1, "0.2.1");
        Path tsv = WikiArtTsv.writeRaw(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.header(), List.of(row));
        CliRun r = CliRun.of("data", "emotions", tsv.toString());
        assertEquals(1, r.exit());
        assertOneLine(r);
        assertEquals("emotion-art data emotions: error: " + tsv
                + ": line 2, column 39 ('ImageOnly: fear'): not a number: '0.2.1'; expected a number between 0 and 1",
                r.err().strip());

    }

    @Test
    void pathsThatNameNothingOrTheWrongKindOfThingAreUsageErrors() throws IOException {
        Path absent = dir.resolve("absent.tsv");
        CliRun missing = CliRun.of("data", "emotions", absent.toString());
        assertEquals(2, missing.exit());
        assertOneLine(missing);
        assertTrue(missing.err().contains("WikiArt Emotions file " + absent + " does not exist"), missing.err());

        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        CliRun notAFile = CliRun.of("data", "emotions", folder.toString());
        assertEquals(2, notAFile.exit());
        assertOneLine(notAFile);
        assertTrue(notAFile.err().contains("WikiArt Emotions file " + folder + " is a folder, not a file"),
                notAFile.err());

        String tsv = all().toString();
        CliRun noMapping = CliRun.of("data", "emotions", tsv, "--mapping", dir.resolve("none.txt").toString());
        assertEquals(2, noMapping.exit());
        assertOneLine(noMapping);
        assertTrue(noMapping.err().contains("--mapping " + dir.resolve("none.txt") + " does not exist"), noMapping.err());

        if (Files.exists(Path.of("/dev/zero"))) {
            for (String[] args : List.of(new String[] {"data", "emotions", "/dev/zero"},
                    new String[] {"data", "emotions", tsv, "--mapping", "/dev/zero"})) {
                CliRun device = CliRun.of(args);
                assertEquals(2, device.exit(), device.err());
                assertOneLine(device);
                assertTrue(device.err().contains(" /dev/zero is not a regular file (a device or a pipe?)"), device.err());
            }
        }

        CliRun noFolder = CliRun.of("data", "emotions", tsv, "--images", dir.resolve("nowhere").toString());
        assertEquals(2, noFolder.exit());
        assertOneLine(noFolder);
        assertTrue(noFolder.err().contains("images folder not found"), noFolder.err());
        CliRun fileAsFolder = CliRun.of("data", "emotions", tsv, "--images", tsv);
        assertEquals(2, fileAsFolder.exit());
        assertOneLine(fileAsFolder);
        assertTrue(fileAsFolder.err().contains("--images " + tsv + " is a file, not a folder"), fileAsFolder.err());

        // refused before the annotations are read, not after the matching
        Path images = WikiArtTsv.images(dir.resolve("images"));
        CliRun labelsIntoAFolder = CliRun.of("data", "emotions", tsv, "--images", images.toString(), "--write-labels",
                folder.toString());
        assertEquals(2, labelsIntoAFolder.exit());
        assertOneLine(labelsIntoAFolder);
        assertEquals("", labelsIntoAFolder.out());
        assertTrue(labelsIntoAFolder.err().contains("--write-labels " + folder + " is a folder, not a file"),
                labelsIntoAFolder.err());
    }

    @Test
    void nothingToWrite() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path labels = dir.resolve("labels.csv");
        CliRun r = CliRun.of("data", "emotions", all().toString(), "--images", empty.toString(), "--write-labels",
                labels.toString());
        assertEquals(1, r.exit());
        assertOneLine(r);
        assertTrue(r.err().contains("no labelled row has an image"), r.err());
        assertFalse(Files.exists(labels));
    }
}
