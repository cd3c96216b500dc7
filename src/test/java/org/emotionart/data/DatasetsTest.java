package org.emotionart.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path root;

    @BeforeEach
    void makeData() throws Exception {
        TestImages.solidJpeg(root.resolve("landscape/a.jpg"), 30, 20, Color.RED);
        TestImages.solidJpeg(root.resolve("landscape/b.jpg"), 20, 30, Color.GREEN);
        TestImages.png(root.resolve("landscape/c.png"), TestImages.bands(20, 20, Color.BLUE));
        TestImages.png(root.resolve("landscape/d-unlabelled.png"), TestImages.bands(20, 20, Color.WHITE));
        TestImages.truncatedCopy(TestImages.solidJpeg(root.resolve("whole.jpg"), 200, 200, Color.BLUE),
                root.resolve("landscape/e-broken.jpg"));
        TestImages.png(root.resolve("abstract/x.png"), TestImages.bands(20, 20, Color.BLACK));
        TestImages.png(root.resolve("portrait/p.png"), TestImages.bands(20, 20, Color.YELLOW));
    }

    private Path labels(String... rows) throws Exception {
        return Files.writeString(root.resolve("labels.csv"), "path,style,emotion\n" + String.join("\n", rows) + "\n");
    }

    private static Emotion[] emotions(Emotion... e) {
        return e;
    }

    @Test
    void loadsTheLabelledImagesOfOneStyleInFolderOrder() throws Exception {
        Path labels = labels("landscape/c.png,landscape,positive", "landscape/a.jpg,landscape,negative",
                "landscape/b.jpg,landscape,neutral", "landscape/e-broken.jpg,landscape,neutral",
                "abstract/x.png,abstract,positive");
        Datasets.Loaded loaded = Datasets.assemble(root, labels, "landscape", 8, null, false);
        ImageSet set = loaded.images();
        assertEquals(List.of("landscape/a.jpg", "landscape/b.jpg", "landscape/c.png"), set.paths());
        assertArrayEquals(emotions(Emotion.NEGATIVE, Emotion.NEUTRAL, Emotion.POSITIVE), set.emotions());
        assertEquals(8, set.size());
        int[] red = TestImages.rgbAt(set.pixels(), 8, 4, 4); // a.jpg (JPEG: nearly exact)
        assertTrue(red[0] > 240 && red[1] < 15 && red[2] < 15, java.util.Arrays.toString(red));
        assertArrayEquals(new int[] {0, 0, 255}, TestImages.rgbAt(set.pixels(), 8, 4, 4 + 16), "image 2");
        assertEquals(1, loaded.unlabelled(), "d-unlabelled.png is skipped and counted");
        assertEquals(List.of("landscape/e-broken.jpg"), loaded.brokenLabelled().stream().map(BrokenImage::path).toList());
        assertEquals(List.of("landscape"), loaded.styles());

        ImageSet again = Datasets.load(root, labels, "landscape", 8);
        assertArrayEquals(set.pixels(), again.pixels());
    }

    @Test
    void loadAllTakesTheStylesTheLabelsMention() throws Exception {
        Path labels = labels("landscape/a.jpg,landscape,negative", "abstract/x.png,abstract,positive");
        Datasets.Loaded loaded = Datasets.assemble(root, labels, null, 8, null, false);
        assertEquals(List.of("abstract", "landscape"), loaded.styles(), "portrait has no labels");
        assertEquals(List.of("abstract/x.png", "landscape/a.jpg"), loaded.images().paths());
        assertArrayEquals(emotions(Emotion.POSITIVE, Emotion.NEGATIVE), loaded.images().emotions());
        assertEquals(3, loaded.unlabelled(), "b, c and d of landscape");
        assertEquals(2, Datasets.loadAll(root, labels, 8).count());
    }

    @Test
    void labelledImagesMissingFromTheFolderAreAnError() throws Exception {
        Path labels = labels("landscape/a.jpg,landscape,negative", "landscape/gone.jpg,landscape,neutral",
                "landscape/b.jpg,landscape,neutral");
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, labels, "landscape", 8));
        assertEquals("1 of 3 labelled images of style 'landscape' are not in " + root.resolve("landscape")
                + ", e.g. landscape/gone.jpg", e.getMessage());
    }

    @Test
    void pathsWithoutTheStyleFolderGetAHint() throws Exception {
        Path labels = labels("a.jpg,landscape,negative");
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, labels, "landscape", 8));
        assertTrue(e.getMessage().contains("relative to the data root"), e.getMessage());
    }

    @Test
    void aLabelledStyleWithoutAFolderListsTheStylesFound() throws Exception {
        Path labels = labels("landscape/a.jpg,landscape,negative", "sketch/s.jpg,sketch,neutral");
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> Datasets.loadAll(root, labels, 8));
        assertEquals(labels + " names a style with no folder in " + root
                + ": 'sketch' (styles found: abstract, landscape, portrait)", e.getMessage());
        EmotionArtException single = assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, labels, "sketch", 8));
        assertTrue(single.getMessage().contains("styles found: abstract, landscape, portrait"), single.getMessage());
    }

    @Test
    void aStyleWithoutLabelsOrWithOnlyBrokenImagesIsAnError() throws Exception {
        Path labels = labels("landscape/a.jpg,landscape,negative");
        EmotionArtException none = assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, labels, "portrait", 8));
        assertTrue(none.getMessage().contains("has no rows for style 'portrait' (it labels: landscape)"),
                none.getMessage());

        Path brokenOnly = labels("landscape/e-broken.jpg,landscape,negative");
        EmotionArtException broken = assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, brokenOnly, "landscape", 8));
        assertTrue(broken.getMessage().contains("can be decoded"), broken.getMessage());
    }

    @Test
    void aPathLabelledTwiceIsAnError() throws Exception {
        Path labels = labels("landscape/a.jpg,landscape,negative", "landscape/a.jpg,landscape,positive");
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, labels, "landscape", 8));
        assertTrue(e.getMessage().contains("landscape/a.jpg is labelled more than once"), e.getMessage());
    }

    @Test
    void emptyLabelsAndBadRootsAreErrors() throws Exception {
        Path labels = labels();
        Files.writeString(labels, "path,style,emotion\n");
        assertThrows(EmotionArtException.class, () -> Datasets.load(root, labels, "landscape", 8));
        assertThrows(EmotionArtException.class, () -> Datasets.load(root.resolve("nope"), labels, "landscape", 8));
        assertThrows(EmotionArtException.class,
                () -> Datasets.load(root, root.resolve("missing.csv"), "landscape", 8));
    }
}
