import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.*;
import org.emotionart.Emotion;
import org.emotionart.api.*;
import org.emotionart.data.*;
import org.emotionart.eval.*;

/**
 * How much the real-vs-real FD baseline, a generator's FD and their ratio move with the random split of a
 * style's held-out paintings (work/benchmark-heldout) into real A and real B, 300 + 300 per emotion as
 * evaluate draws them; the generator paints seeds 1000000... as in evaluate.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/BaselineProbe.java STYLE GENERATOR_BUNDLE SPLITS
 */
public class BaselineProbe {
    static final int S = 64, PER = 300;
    public static void main(String[] args) throws Exception {
        String style = args[0]; String gen = args[1]; int splits = Integer.parseInt(args[2]);
        Path heldout = Path.of("work/benchmark-heldout");
        ImageSet set = Datasets.assemble(heldout, heldout.resolve("labels.csv"), style, S, null, false).images();
        try (EmotionClassifier c = EmotionClassifier.load(Path.of("savedmodels/classifier"));
             ArtGenerator g = ArtGenerator.load(Path.of(gen))) {
            ClassifierFeatures f = new ClassifierFeatures(c);
            double[][] real = f.features(set.pixels(), set.count(), S);
            List<double[][]> genE = new ArrayList<>();
            int bpi = S * S * 3;
            for (Emotion e : Emotion.values()) {
                byte[] px = new byte[PER * bpi];
                for (int from = 0; from < PER; from += ArtGenerator.MAX_COUNT) {
                    int n = Math.min(ArtGenerator.MAX_COUNT, PER - from);
                    List<BufferedImage> ims = g.generate(e, n, 1000000 + from);
                    for (int i = 0; i < n; i++) org.emotionart.viz.Images.toHwc(ims.get(i), px, from + i);
                }
                genE.add(f.features(px, PER, S));
            }
            double[][] genAll = genE.stream().flatMap(Arrays::stream).toArray(double[][]::new);
            double[] base = new double[splits], fd = new double[splits];
            double[][] baseE = new double[3][splits];
            for (int k = 0; k < splits; k++) {
                Random rnd = new Random(k);
                List<double[]> a = new ArrayList<>(), b = new ArrayList<>();
                for (Emotion e : Emotion.values()) {
                    List<Integer> idx = new ArrayList<>();
                    for (int i = 0; i < set.count(); i++) if (set.emotions()[i] == e) idx.add(i);
                    Collections.shuffle(idx, rnd);
                    List<double[]> ae = new ArrayList<>(), be = new ArrayList<>();
                    for (int i = 0; i < PER; i++) { ae.add(real[idx.get(i)]); be.add(real[idx.get(PER + i)]); }
                    baseE[e.index()][k] = QualityMetrics.frechetDistance(be.toArray(double[][]::new), ae.toArray(double[][]::new));
                    a.addAll(ae); b.addAll(be);
                }
                double[][] A = a.toArray(double[][]::new), B = b.toArray(double[][]::new);
                base[k] = QualityMetrics.frechetDistance(B, A);
                fd[k] = QualityMetrics.frechetDistance(genAll, A);
            }
            System.out.println(style + " " + gen + ", " + splits + " random splits of the held-out paintings (300 + 300 per emotion)");
            q("real-vs-real FD, all", base); q("generated FD, all", fd);
            double[] ratio = new double[splits]; for (int k = 0; k < splits; k++) ratio[k] = fd[k] / base[k];
            q("FD ratio, all", ratio);
            double mb = Arrays.stream(base).sorted().toArray()[splits / 2];
            double mf = Arrays.stream(fd).sorted().toArray()[splits / 2];
            System.out.printf("median FD / median baseline: %.1f%n", mf / mb);
            for (Emotion e : Emotion.values()) q("real-vs-real FD, " + e.label(), baseE[e.index()]);
        }
    }
    static void q(String name, double[] v) {
        double[] s = v.clone(); Arrays.sort(s); int n = s.length;
        System.out.printf("%-28s min %.3f  q1 %.3f  median %.3f  q3 %.3f  max %.3f%n", name, s[0], s[n/4], s[n/2], s[3*n/4], s[n-1]);
    }
}
