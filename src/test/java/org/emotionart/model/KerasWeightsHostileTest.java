package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.emotionart.EmotionArtException;
import org.emotionart.TinyModels;
import org.junit.jupiter.api.Test;

/**
 * Hostile Keras weights files ({@code src/test/resources/keras/hostile}, made by its
 * make_hostile.py): each is refused with one line, before its data is read and without following
 * links.
 */
class KerasWeightsHostileTest {
    private static Path hostile(String name) {
        return TinyModels.keras("hostile/" + name);
    }

    @Test
    void refusesAGroupThatContainsItself() {
        String m = message(KerasWeights::read, "cycle.h5");
        assertTrue(m.contains("group /block1_conv1/ holds loop, a link back to a group that contains it (a cycle)"), m);
    }

    @Test
    void refusesSoftAndExternalLinksWhereWeightsAreRead() {
        String loop = message(KerasWeights::read, "softlink_loop.h5");
        assertTrue(loop.contains("/block1_conv1/soft is a soft link; weights must be datasets in the weights file "
                + "itself"), loop);
        String external = message(KerasWeights::read, "extlink_kernel.h5");
        assertTrue(external.contains("/block1_conv1/kernel:0 is an external link (to another file)"), external);
        String walked = message(KerasWeights::read, "walk_softlink.h5");
        assertTrue(walked.contains("/block1_conv1/kernel:0 is a soft link"), walked);
    }

    @Test
    void saysADatasetThatWasNeverWrittenHasNoData() {
        String m = message(KerasWeights::read, "unallocated.h5");
        assertTrue(m.contains("dataset /block1_conv1/block1_conv1/kernel:0 of shape [3, 3, 3, 4] has no data: it was "
                + "never written"), m);
    }

    @Test
    void refusesHugeDatasetsBeforeReadingThem() {
        String one = message(KerasWeights::read, "huge_dataset.h5");
        assertTrue(one.contains("dataset /block1_conv1/block1_conv1/kernel:0 has shape [160, 1000000]: more than "
                + "150000000 values, more than a weights file may hold"), one);
        String total = message(KerasWeights::read, "huge_total.h5");
        assertTrue(total.contains("has shape [100, 1000000]: 100000000 more values, 200000000 in all"), total);
        String inception = message(InceptionWeights::read, "inception_huge.h5");
        assertTrue(inception.contains("dataset /conv2d_1/conv2d_1/kernel:0 has shape [160, 1000000]: more than "
                + "150000000 values"), inception);
    }

    private static String message(Function<Path, ?> read, String name) {
        EmotionArtException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(EmotionArtException.class, () -> read.apply(hostile(name))));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().matches(".*(java\\.|Exception|Error\\b).*"), e.getMessage());
        return e.getMessage();
    }
}
