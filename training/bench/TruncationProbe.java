import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import org.emotionart.Emotion;
import org.emotionart.api.*;
import org.emotionart.data.*;
import org.emotionart.eval.*;
import org.emotionart.viz.Images;

/**
 * The truncation trick (Brock et al. 2019, BigGAN), measured as `evaluate` measures a bundle: each
 * painting's noise is the seed's (seeds 1000000...) times PSI, so PSI < 1 draws nearer the middle of the
 * noise distribution. For each PSI: FD ratio, KID, precision / recall on the classifier's features against
 * the same held-out paintings `evaluate --per-emotion 300 --seed 1000000 --data work/benchmark-heldout`
 * draws (PSI 1 gives evaluate's own figures), emotion adherence and the diversity ratio per emotion.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/TruncationProbe.java BUNDLE 1 0.9 0.8 0.7
 */
public class TruncationProbe {
    static final int PER = 300;
    static final long SEED = 1_000_000L;

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        Path heldout = Path.of("work/benchmark-heldout");
        try (ArtGenerator gen = ArtGenerator.load(bundle);
             EmotionClassifier c = EmotionClassifier.load(Path.of("savedmodels/classifier"))) {
            int s = gen.imageSize(), bpi = s * s * 3;
            ImageSet real = Datasets.assemble(heldout, heldout.resolve("labels.csv"), gen.style(), s, null, false).images();
            String lacking = GeneratorEvaluation.tooFewReal(real, gen.style(), PER);
            if (lacking != null) {
                System.err.println(lacking + " (in " + heldout + ": synth --out " + heldout + " --per-class 600 --seed 1)");
                System.exit(2);
            }
            ClassifierFeatures f = new ClassifierFeatures(c);
            // the real halves evaluate draws: one Random(seed), emotions in order, two disjoint draws each
            Random sampler = new Random(SEED);
            double[][][] realA = new double[3][][], realB = new double[3][][];
            double[] realDiv = new double[3];
            for (Emotion e : Emotion.values()) {
                byte[][] halves = GeneratorEvaluation.sample(real, e, PER, 2, sampler);
                byte[] a = halves[0], b = halves[1];
                realA[e.index()] = f.features(a, PER, s);
                realB[e.index()] = f.features(b, PER, s);
                realDiv[e.index()] = Diversity.meanPairwiseRms(a, PER, bpi);
            }
            System.out.println(gen.style() + " " + bundle);
            System.out.println("psi | FD ratio (neg/neu/pos) | KID | precision / recall | adherence (neg/neu/pos) | diversity ratio (neg/neu/pos)");
            for (int k = 1; k < args.length; k++) {
                float psi = Float.parseFloat(args[k]);
                List<double[][]> g = new ArrayList<>();
                String[] perFd = new String[3], perAd = new String[3], perDiv = new String[3];
                int right = 0;
                for (Emotion e : Emotion.values()) {
                    byte[] px = new byte[PER * bpi];
                    int ok = 0;
                    for (int from = 0; from < PER; from += ArtGenerator.MAX_COUNT) {
                        int n = Math.min(ArtGenerator.MAX_COUNT, PER - from);
                        float[][] z = new float[n][];
                        for (int i = 0; i < n; i++) {
                            z[i] = gen.noise(SEED + from + i);
                            for (int j = 0; j < z[i].length; j++) z[i][j] *= psi;
                        }
                        List<BufferedImage> im = gen.fromNoise(z, Collections.nCopies(n, e));
                        List<Prediction> p = c.classify(im);
                        for (int i = 0; i < n; i++) {
                            Images.toHwc(im.get(i), px, from + i);
                            if (p.get(i).emotion() == e) ok++;
                        }
                    }
                    right += ok;
                    double[][] fg = f.features(px, PER, s);
                    g.add(fg);
                    Quality q = Quality.compare(fg, realA[e.index()], realB[e.index()], SEED + e.index());
                    perFd[e.index()] = String.format(Locale.ROOT, "%.1f", q.fdRatio());
                    perAd[e.index()] = String.format(Locale.ROOT, "%.1f", 100.0 * ok / PER);
                    perDiv[e.index()] = String.format(Locale.ROOT, "%.2f", Diversity.meanPairwiseRms(px, PER, bpi) / realDiv[e.index()]);
                }
                Quality all = Quality.compare(cat(g), cat(Arrays.asList(realA)), cat(Arrays.asList(realB)), SEED);
                System.out.printf(Locale.ROOT, "%.2f | %.1f (%s) | %.2f | %.3f / %.3f | %.1f %% (%s) | %s%n", psi,
                        all.fdRatio(), String.join(" / ", perFd), all.kid().mean(), all.pr().precision(),
                        all.pr().recall(), 100.0 * right / (3 * PER), String.join(" / ", perAd),
                        String.join(" / ", perDiv));
            }
        }
    }

    static double[][] cat(List<double[][]> parts) {
        return parts.stream().flatMap(Arrays::stream).toArray(double[][]::new);
    }
}
