package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.data.ImageMatcher.How;
import org.emotionart.data.ImageMatcher.Match;
import org.emotionart.data.WikiArtEmotions.Block;
import org.emotionart.data.WikiArtEmotions.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageMatcherTest {
    @TempDir
    Path dir;

    private List<Row> rows() throws IOException {
        return WikiArtEmotions.read(WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions()),
                Block.IMAGE).rows();
    }

    @Test
    void matchesByUrlNameAndById() throws IOException {
        Path root = WikiArtTsv.images(dir.resolve("images"));
        List<Row> rows = rows();
        ImageMatcher.Result r = ImageMatcher.index(root).match(rows);
        assertEquals(8, r.filesIndexed(), "hidden files and folders are not listed");

        Match dali = r.of(rows.get(0));
        assertEquals("the-persistence-of-memory-1931.JPG", dali.path());
        assertEquals(ImageMatcher.FLAT_STYLE, dali.style());
        assertEquals(How.URL_NAME, dali.how());

        Match monet = r.of(rows.get(1));
        assertEquals("Impressionism/" + WikiArtTsv.MONET_NFD, monet.path());
        assertEquals("Impressionism", monet.style());
        assertEquals(How.URL_NAME, monet.how());

        Match munch = r.of(rows.get(2));
        assertEquals("Expressionism/" + WikiArtTsv.ID_MUNCH + ".png", munch.path());
        assertEquals(How.ID, munch.how());

        Match vanGogh = r.of(rows.get(3));
        assertEquals("vincent-van-gogh/self-portrait.jpg", vanGogh.path(), "the URL's artist folder decides");

        assertNull(r.of(rows.get(4)));
        assertEquals(List.of(rows.get(4)), r.ambiguous());
        assertEquals(List.of(rows.get(5)), r.missing());
        assertEquals(List.of(), r.shared());
        assertEquals(3, r.byUrlName());
        assertEquals(1, r.byId());
        assertEquals(6, r.rows());
    }

    @Test
    void anIdFileResolvesAnAmbiguousName() throws IOException {
        Path root = WikiArtTsv.images(dir.resolve("images"));
        Files.write(root.resolve(WikiArtTsv.ID_ZERO + ".jpeg"), new byte[] {1});
        List<Row> rows = rows();
        Match m = ImageMatcher.index(root).match(rows).of(rows.get(4));
        assertNotNull(m);
        assertEquals(How.ID, m.how());
    }

    @Test
    void aFileGoesToOneRowOnly() throws IOException {
        Path root = WikiArtTsv.images(dir.resolve("images"));
        List<Row> rows = rows();
        List<Row> twice = List.of(rows.get(0), rows.get(0));
        ImageMatcher.Result r = ImageMatcher.index(root).match(twice);
        assertEquals(1, r.matches().size());
        assertEquals(1, r.shared().size());
    }

    @Test
    void missingFolder() {
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> ImageMatcher.index(dir.resolve("none")));
        assertTrue(e.getMessage().contains("images folder not found"), e.getMessage());
    }

    @Test
    void labelsFromTsvAndImages() throws IOException {
        Path root = WikiArtTsv.images(dir.resolve("images"));
        Path tsv = WikiArtTsv.write(dir.resolve("WikiArt-Emotions-All.tsv"), WikiArtTsv.fractions());
        EmotionLabels labels = EmotionLabels.load(tsv, root, EmotionLabels.Settings.DEFAULT);
        // labelled: dali neutral, monet positive, munch negative, rembrandt negative (no image);
        // van gogh is a tie and picasso has nothing chosen
        assertEquals(List.of(
                new LabelledImage("the-persistence-of-memory-1931.JPG", "wikiart-emotions", Emotion.NEUTRAL).toString(),
                new LabelledImage("Impressionism/" + WikiArtTsv.MONET_NFD, "Impressionism", Emotion.POSITIVE).toString(),
                new LabelledImage("Expressionism/" + WikiArtTsv.ID_MUNCH + ".png", "Expressionism", Emotion.NEGATIVE)
                        .toString()),
                labels.images().stream().map(i -> new LabelledImage(i.path(), i.style(), i.emotion()).toString()).toList());
        assertArrayEquals(new int[] {1, 1, 1}, labels.imagesPerClass());
        List<String> report = labels.report();
        assertTrue(report.contains("images:        4 of 6 rows matched a file in " + root
                + " (3 by URL file name, 1 by ID; 8 files there)"), String.join("\n", report));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("without image: 2 (1 not found, 1 ambiguous, 0 sharing")
                && l.contains(WikiArtTsv.ID_WEAK + " (the-night-watch-1642.jpg, line 7)")), String.join("\n", report));
        assertTrue(report.contains("training rows: 3 labelled rows with an image: negative 1, neutral 1, positive 1"),
                String.join("\n", report));
    }

    @Test
    void withoutImagesFolderThereAreNoImages() throws IOException {
        Path tsv = WikiArtTsv.write(dir.resolve("WikiArt-Emotions-Ag4.tsv"), WikiArtTsv.binary());
        EmotionLabels labels = EmotionLabels.load(tsv, null, EmotionLabels.Settings.DEFAULT);
        assertNull(labels.matching());
        assertEquals(List.of(), labels.images());
        assertTrue(labels.report().stream().noneMatch(l -> l.startsWith("images:")));
    }
}
