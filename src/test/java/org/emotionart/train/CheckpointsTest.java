package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class CheckpointsTest {
    @Test
    void halfWrittenCheckpointsAreIgnoredAndCleanedAndOnlyTheLastFewKept(@TempDir Path dir) throws Exception {
        // what a kill -9 can leave behind: a temporary folder, and a step folder without its state file
        Files.createDirectories(dir.resolve(".writing-123"));
        Files.writeString(dir.resolve(".writing-123/ckpt.index"), "partial");
        Files.createDirectories(dir.resolve("step-00000900"));
        Checkpoints c = new Checkpoints(dir, 2);
        assertTrue(c.latest().isEmpty(), "nothing complete yet");
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            tf.withName("v").withInitScope().variable(tf.withInitScope().constant(new float[] {1, 2}));
            try (Session s = new Session(g)) {
                s.initialize();
                for (long step : List.of(100L, 200L, 300L)) {
                    c.save(s, step, "{\"step\":" + step + "}");
                }
            }
        }
        assertFalse(Files.exists(dir.resolve(".writing-123")), "leftover removed");
        assertEquals(List.of(200L, 300L), c.list().stream().map(Checkpoints.Checkpoint::step).toList());
        assertEquals(300L, c.latest().orElseThrow().step());
        assertTrue(Files.exists(dir.resolve("step-00000300/ckpt.index")));
    }

    @Test
    void aRunFolderWithACheckpointIsRefusedUnlessResumed(@TempDir Path dir) throws Exception {
        Checkpoints c = new Checkpoints(dir.resolve("checkpoints"), 2);
        assertTrue(c.toResume(dir, false, e -> "epoch " + e).isEmpty(), "a fresh folder");
        Files.createDirectories(dir.resolve("checkpoints/step-00000003"));
        Files.writeString(dir.resolve("checkpoints/step-00000003/state.json"), "{}");
        var e = assertThrows(EmotionArtException.class, () -> c.toResume(dir, false, n -> "epoch " + n));
        assertEquals(dir + " already holds a run (epoch 3): pass --resume to continue it, or choose another --out",
                e.getMessage());
        assertEquals(3L, c.toResume(dir, true, n -> "epoch " + n).orElseThrow().step());
    }
}
