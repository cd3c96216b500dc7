package org.emotionart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiversityTest {
    @Test
    void copiesAreZeroApartBlackAndWhiteOneAndNoiseAboutPointFour() {
        int bpi = 16 * 16 * 3;
        assertEquals(0.0, Diversity.meanPairwiseRms(new byte[3 * bpi], 3, bpi), 0.0);

        byte[] blackWhite = new byte[2 * bpi];
        Arrays.fill(blackWhite, bpi, 2 * bpi, (byte) 255);
        assertEquals(1.0, Diversity.meanPairwiseRms(blackWhite, 2, bpi), 1e-12);

        // three images: black, white, black -> pairs 1, 0, 1 -> mean 2/3
        byte[] three = new byte[3 * bpi];
        Arrays.fill(three, bpi, 2 * bpi, (byte) 255);
        assertEquals(2.0 / 3, Diversity.meanPairwiseRms(three, 3, bpi), 1e-12);

        // uniform noise: sqrt(E[(a-b)^2]) = sqrt(1/6) = 0.408 for continuous values
        byte[] noise = new byte[20 * bpi];
        new SplittableRandom(1).nextBytes(noise);
        double d = Diversity.meanPairwiseRms(noise, 20, bpi);
        assertEquals(Math.sqrt(1.0 / 6), d, 0.01);

        assertTrue(Double.isNaN(Diversity.meanPairwiseRms(new byte[bpi], 1, bpi)), "one image has no pairs");
    }
}
