package org.emotionart.util;

import java.util.SplittableRandom;

/** Seeded shuffles: the same generator state gives the same order on any machine. */
public final class Permutations {
    private Permutations() {
    }

    /** 0..n-1 in a random order (Fisher-Yates). */
    public static int[] of(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
