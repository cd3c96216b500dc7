package org.emotionart.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.emotionart.Emotion;
import org.emotionart.util.Permutations;

/**
 * The classifier's train/validation split: of each emotion, a share of the images chosen by the seed
 * goes to validation (stratified, so both sides keep the data's emotion mix), the rest to training.
 * Both index lists are sorted. Class weights and the counts per emotion that {@code split.json}
 * records come from here too.
 */
public record StratifiedSplit(int[] train, int[] validation) {

    /** The split of images labelled {@code emotions}: {@code validationFraction} of each emotion, by the seed. */
    public static StratifiedSplit of(Emotion[] emotions, double validationFraction, long seed) {
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < emotions.length; i++) {
                if (emotions[i] == e) {
                    idx.add(i);
                }
            }
            int[] perm = Permutations.of(idx.size(), new SplittableRandom(seed * 31 + e.index()));
            int nVal = (int) Math.round(validationFraction * idx.size());
            for (int k = 0; k < perm.length; k++) {
                (k < nVal ? val : train).add(idx.get(perm[k]));
            }
        }
        return new StratifiedSplit(train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                val.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /** Weights n / (3 n_c) from the training side, so each emotion counts equally in the loss. */
    public float[] classWeights(Emotion[] emotions) {
        int[] counts = perEmotion(emotions, train);
        float[] w = new float[Emotion.COUNT];
        for (int c = 0; c < w.length; c++) {
            w[c] = counts[c] == 0 ? 0f : (float) train.length / (Emotion.COUNT * counts[c]);
        }
        return w;
    }

    /** Images of each emotion in {@code subset}, by {@link Emotion#index()}. */
    static int[] perEmotion(Emotion[] emotions, int[] subset) {
        int[] c = new int[Emotion.COUNT];
        for (int i : subset) {
            c[emotions[i].index()]++;
        }
        return c;
    }

    /** What {@code split.json} records, in this order on every run. */
    Map<String, Object> describe(Emotion[] emotions, float[] classWeights, long seed) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("train", train.length);
        info.put("validation", validation.length);
        info.put("trainPerEmotion", perEmotion(emotions, train));
        info.put("validationPerEmotion", perEmotion(emotions, validation));
        info.put("classWeights", classWeights);
        info.put("seed", seed);
        return info;
    }
}
