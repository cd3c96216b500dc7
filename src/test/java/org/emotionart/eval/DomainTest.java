package org.emotionart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.Prediction;
import org.emotionart.data.Datasets;
import org.emotionart.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped classifier (version 2, calibrated on the benchmark with calibrate-domain) says when an
 * image is unlike its training paintings: most real paintings are flagged, at most 5 % of benchmark
 * paintings it never saw (another synth seed than both its training and calibration data); version 1
 * (no calibration) still loads and says nothing.
 */
class DomainTest {
    @Test
    void realPaintingsAreOutOfDomainAndFreshBenchmarkPaintingsAreIn(@TempDir Path dir) throws Exception {
        try (EmotionClassifier c = EmotionClassifier.load(Path.of("savedmodels/classifier"))) {
            assertTrue(c.domain().isPresent(), "the shipped classifier's latest version is calibrated");
            List<Path> real;
            try (Stream<Path> s = Files.walk(Path.of("src/test/resources/real-paintings"))) {
                real = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            assertEquals(9, real.size());
            int flagged = 0;
            for (Path p : real) {
                Prediction pr = c.classify(p);
                flagged += pr.outOfDomain() ? 1 : 0;
                assertTrue(pr.domainDistance() != null && pr.domainDistance() >= 0);
            }
            assertTrue(flagged >= 6, flagged + " of 9 real paintings flagged out of domain");

            // label (the command a user points at real WikiArt) counts them as guesses too
            Path copy = dir.resolve("real");
            org.emotionart.util.FileTrees.copy(Path.of("src/test/resources/real-paintings"), copy);
            org.emotionart.data.WikiArtFolder folder = org.emotionart.data.WikiArtFolder.open(copy);
            org.emotionart.label.Labeller.Summary labelled = org.emotionart.label.Labeller.run(folder, folder.styles(),
                    c, dir.resolve("labels/manifest.csv"), 16, 2, false);
            assertEquals(flagged, labelled.outOfDomain(), "label's count is classify's");
            java.util.List<String> manifest = java.nio.file.Files.readAllLines(dir.resolve("labels/manifest.csv"));
            assertEquals("path,style,emotion,p_negative,p_neutral,p_positive,in_domain", manifest.get(0));
            assertEquals(flagged, manifest.stream().skip(1).filter(l -> l.endsWith(",false")).count(),
                    "one in_domain=false row per painting classify flags");
            assertEquals(labelled.rows(), org.emotionart.data.LabelsFile.read(dir.resolve("labels/manifest.csv")).size(),
                    "train-gan --labels reads the manifest with its extra column");
            try (EmotionClassifier v1 = EmotionClassifier.load(Path.of("savedmodels/classifier/1"))) {
                var mixed = org.junit.jupiter.api.Assertions.assertThrows(org.emotionart.EmotionArtException.class,
                        () -> org.emotionart.label.Labeller.run(folder, folder.styles(), v1,
                                dir.resolve("labels/manifest.csv"), 16, 2, false));
                assertTrue(mixed.getMessage().contains("was begun by a classifier with a calibrated domain"),
                        mixed.getMessage());
            }

            Path fresh = dir.resolve("fresh");
            assertEquals(0, org.emotionart.cli.Main.run("synth", "--out", fresh.toString(), "--per-class", "100",
                    "--seed", "2"));
            ImageSet set = Datasets.loadAll(fresh, fresh.resolve("labels.csv"), c.imageSize());
            double in = DomainCalibration.inDomainShare(c, c.domain().get(), set);
            assertTrue(in >= 0.95, "in domain: " + in + " of " + set.count() + " fresh benchmark paintings");
        }
        try (EmotionClassifier old = EmotionClassifier.load(Path.of("savedmodels/classifier/1"))) {
            assertTrue(old.domain().isEmpty());
            byte[] gray = new byte[old.imageSize() * old.imageSize() * 3];
            java.util.Arrays.fill(gray, (byte) 128);
            Prediction p = old.classifyPixels(gray, 1).get(0);
            assertNull(p.inDomain(), "an uncalibrated bundle says nothing of its domain");
        }
    }
}
