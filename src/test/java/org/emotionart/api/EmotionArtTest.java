package org.emotionart.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.emotionart.Emotion;
import org.emotionart.TestBundles;
import org.emotionart.viz.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionArtTest {
    @TempDir
    static Path dir;
    static Path models;
    static EmotionArt art;

    @BeforeAll
    static void makeBundles() throws Exception {
        models = TestBundles.shared();
        art = EmotionArt.open(models);
    }

    @AfterAll
    static void close() {
        art.close();
    }

    static List<byte[]> png(List<BufferedImage> images) {
        return images.stream().map(Images::png).toList();
    }

    @Test
    void listsStylesAndModels() {
        assertEquals(List.of("landscape", "portrait"), art.styles());
        List<ModelInfo> infos = art.models();
        assertEquals(List.of("classifier", "generator-landscape", "generator-portrait"), infos.stream().map(ModelInfo::name).toList());
        ModelInfo tiny = infos.get(2);
        assertEquals("generator", tiny.kind());
        assertEquals("portrait", tiny.style());
        assertEquals(1, tiny.version());
        assertTrue(tiny.bytes() > 0);
    }

    @Test
    void sameSeedGivesByteIdenticalImagesAndSeedsAreConsecutive() {
        ArtGenerator g = art.generator("landscape");
        assertSame(g, art.generator("landscape"), "a bundle loads once");
        List<byte[]> a = png(g.generate(Emotion.POSITIVE, 5, 40));
        List<byte[]> b = png(g.generate(Emotion.POSITIVE, 5, 40));
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        // image i of seed s is the image of seed s+i alone
        assertArrayEquals(a.get(3), png(g.generate(Emotion.POSITIVE, 1, 43)).get(0));
        assertFalse(java.util.Arrays.equals(a.get(0), a.get(1)), "different seeds, different paintings");
        BufferedImage img = g.generate(Emotion.NEGATIVE, 1, 0).get(0);
        assertEquals(16, img.getWidth());
    }

    @Test
    void concurrentCallersGetWhatOneThreadGets() throws Exception {
        ArtGenerator g = art.generator("landscape");
        List<List<byte[]>> expected = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            expected.add(png(g.generate(Emotion.of(t % 3), 4, 100L * t)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<byte[]>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int tt = t;
                    futures.add(pool.submit(() -> png(art.generator("landscape").generate(Emotion.of(tt % 3), 4, 100L * tt))));
                }
                for (int t = 0; t < 8; t++) {
                    List<byte[]> got = futures.get(t).get();
                    for (int i = 0; i < 4; i++) {
                        assertArrayEquals(expected.get(t).get(i), got.get(i), "thread " + t + " image " + i);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emotionWalkStartsAndEndsAtThePlainEmotions() {
        ArtGenerator g = art.generator("landscape");
        List<BufferedImage> walk = g.emotionWalk(7, 5);
        assertEquals(5, walk.size());
        // the stops are exactly generate's paintings of that seed
        assertArrayEquals(Images.png(g.generate(Emotion.NEGATIVE, 1, 7).get(0)), Images.png(walk.get(0)));
        assertArrayEquals(Images.png(g.generate(Emotion.NEUTRAL, 1, 7).get(0)), Images.png(walk.get(2)));
        assertArrayEquals(Images.png(g.generate(Emotion.POSITIVE, 1, 7).get(0)), Images.png(walk.get(4)));
        assertFalse(java.util.Arrays.equals(Images.png(walk.get(1)), Images.png(walk.get(0))), "a step between");
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, ArtGenerator.walkWeights(0.25), 1e-6f);
    }

    @Test
    void classifierGivesProbabilities() {
        BufferedImage red = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                red.setRGB(x, y, 0xD05A5A);
            }
        }
        Prediction p = art.classifier().classify(red);
        float sum = p.probabilities()[0] + p.probabilities()[1] + p.probabilities()[2];
        assertEquals(1f, sum, 1e-4f);
        assertEquals(p.emotion(), Emotion.of(argmax(p.probabilities())));
    }

    @Test
    void badInputsGiveClearExceptions() throws Exception {
        UnknownStyleException unknown = assertThrows(UnknownStyleException.class, () -> art.generator("cubism"));
        assertTrue(unknown.getMessage().contains("available landscape, portrait"), unknown.getMessage());
        assertEquals(List.of("landscape", "portrait"), unknown.available());
        var count = assertThrows(IllegalArgumentException.class, () -> art.generator("landscape").generate(Emotion.NEUTRAL, 0, 1));
        assertTrue(count.getMessage().contains("allowed 1..64"), count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> art.generator("landscape").generate(Emotion.NEUTRAL, 65, 1));
        var emotion = assertThrows(IllegalArgumentException.class, () -> Emotion.parse("happy"));
        assertTrue(emotion.getMessage().contains("negative, neutral, positive"));
        Path notBundle = Files.createDirectories(dir.resolve("empty"));
        var nb = assertThrows(BundleException.class, () -> ArtGenerator.load(notBundle));
        assertTrue(nb.getMessage().contains("not a bundle"), nb.getMessage());
        var kind = assertThrows(BundleException.class, () -> ArtGenerator.load(models.resolve("classifier")));
        assertTrue(kind.getMessage().contains("classifier bundle, not a generator"), kind.getMessage());
        assertThrows(BundleException.class, () -> EmotionArt.open(dir.resolve("missing")));
        // a closed model says so in words, not with TensorFlow's "close() has been called on the Graph"
        ArtGenerator closedGenerator = ArtGenerator.load(models.resolve("generator-landscape"));
        closedGenerator.close();
        var closed = assertThrows(IllegalStateException.class, () -> closedGenerator.generate(Emotion.NEUTRAL, 1, 1));
        assertTrue(closed.getMessage().contains("has been closed: load it again"), closed.getMessage());
        EmotionClassifier closedClassifier = EmotionClassifier.load(models.resolve("classifier"));
        closedClassifier.close();
        var closedC = assertThrows(IllegalStateException.class,
                () -> closedClassifier.classifyPixels(new byte[closedClassifier.imageSize() * closedClassifier.imageSize() * 3], 1));
        assertTrue(closedC.getMessage().contains("has been closed: load it again"), closedC.getMessage());
    }

    static int argmax(float[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }
}
