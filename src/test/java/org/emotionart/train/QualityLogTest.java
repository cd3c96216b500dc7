package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityLogTest {
    static QualityProbe.Figures f(double ratio, double adherence) {
        return new QualityProbe.Figures(ratio, 1, 0.5, 0.5, adherence);
    }

    @Test
    void bestIsTheLowestRatioWithEnoughAdherenceElseTheHighestAdherence(@TempDir Path dir) throws Exception {
        QualityLog log = QualityLog.read(dir.resolve("none.csv"), 0);
        log.add(1000, f(5, 0.95));
        log.add(2000, f(3, 0.80));
        log.add(3000, f(4, 0.92));
        log.add(4000, f(2, 0.91));
        assertEquals(4000, log.best(Set.of(1000L, 2000L, 3000L, 4000L)).orElseThrow().step());
        assertEquals(3000, log.best(Set.of(1000L, 2000L, 3000L)).orElseThrow().step(), "2000 is under 90 %");
        assertEquals(2000, log.best(Set.of(2000L)).orElseThrow().step(), "none reaches 90 %: highest adherence");
        assertTrue(log.best(Set.of(5000L)).isEmpty(), "no measured step has a checkpoint");
    }

    @Test
    void aResumedRunKeepsOnlyTheRowsUpToItsCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(QualityLog.FILE);
        QualityLog log = QualityLog.read(file, 0);
        log.add(2, f(5, 0.9));
        log.add(4, f(4, 0.9));
        log.write(file);
        QualityLog resumed = QualityLog.read(file, 2);
        assertEquals(1, resumed.rows().size());
        resumed.add(4, f(3, 0.9));
        resumed.add(4, f(2, 0.9));
        assertEquals(2, resumed.rows().size(), "a step measured again replaces its row");
        assertEquals(2.0, resumed.rows().get(1).figures().fdRatio());
        Files.writeString(file, "step,fd\n2,x\n");
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> QualityLog.read(file, 10));
        assertTrue(e.getMessage().startsWith(file + " line 2 is not a quality row"), e.getMessage());
    }
}
