import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.Datasets;
import org.emotionart.data.ImageSet;
import org.emotionart.eval.ClassifierFeatures;
import org.emotionart.eval.QualityMetrics;

/**
 * What a Fréchet distance on the shipped classifier's features means: the FD between one half of a
 * style's held-out benchmark paintings (even rows) and the other half (odd rows), as they are and after
 * simple, known damage (a 3x3 blur, the canvas grain removed, colours quantised, half resolution ...),
 * each beside the real-vs-real baseline. A generator's FD ratio reads against these rows.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/FdReferences.java STYLE [HELDOUT_DIR] [CLASSIFIER]
 *
 * (defaults: work/benchmark-heldout, made by synth --out work/benchmark-heldout --per-class 600 --seed 1,
 * and savedmodels/classifier). Prints a Markdown table.
 */
public class FdReferences {
    static final int S = 64;

    public static void main(String[] args) throws Exception {
        String style = args[0];
        Path heldout = Path.of(args.length > 1 ? args[1] : "work/benchmark-heldout");
        Path classifier = Path.of(args.length > 2 ? args[2] : "savedmodels/classifier");
        ImageSet set = Datasets.assemble(heldout, heldout.resolve("labels.csv"), style, S, null, false).images();
        int n = set.count() / 2;
        int bytes = S * S * 3;
        byte[] a = new byte[n * bytes];
        byte[] b = new byte[n * bytes];
        for (int i = 0; i < n; i++) { // interleaved halves: the same emotions in both
            System.arraycopy(set.pixels(), 2 * i * bytes, a, i * bytes, bytes);
            System.arraycopy(set.pixels(), (2 * i + 1) * bytes, b, i * bytes, bytes);
        }
        try (EmotionClassifier c = EmotionClassifier.load(classifier)) {
            ClassifierFeatures f = new ClassifierFeatures(c);
            double[][] fa = f.features(a, n, S);
            double base = QualityMetrics.frechetDistance(fa, f.features(b, n, S));
            System.out.printf(Locale.ROOT, "%s: %d vs %d held-out paintings, %s%n%n| the second half | FD | FD ratio |%n|---|---|---|%n",
                    style, n, n, f.description());
            System.out.printf(Locale.ROOT, "| as it is (real vs real) | %.3f | 1 |%n", base);
            row(f, fa, base, "shifted 2 px right", b, n, p -> map(p, n, (k, y, x, ch) -> px(p, k, y, Math.max(0, x - 2), ch)));
            row(f, fa, base, "blue +10 of 255", b, n, p -> map(p, n, (k, y, x, ch) -> ch == 2 ? Math.min(255, px(p, k, y, x, ch) + 10) : px(p, k, y, x, ch)));
            row(f, fa, base, "colours quantised to 16 levels", b, n, p -> map(p, n, (k, y, x, ch) -> px(p, k, y, x, ch) / 16 * 16 + 8));
            row(f, fa, base, "colours quantised to 8 levels", b, n, p -> map(p, n, (k, y, x, ch) -> px(p, k, y, x, ch) / 32 * 32 + 16));
            row(f, fa, base, "canvas grain removed (3x3 median)", b, n, p -> map(p, n, (k, y, x, ch) -> median(p, k, y, x, ch)));
            row(f, fa, base, "half resolution (2x2 blocks)", b, n, p -> map(p, n, (k, y, x, ch) -> px(p, k, y & ~1, x & ~1, ch)));
            row(f, fa, base, "3x3 box blur", b, n, p -> map(p, n, (k, y, x, ch) -> box(p, k, y, x, ch, 1)));
            row(f, fa, base, "5x5 box blur", b, n, p -> map(p, n, (k, y, x, ch) -> box(p, k, y, x, ch, 2)));
        }
    }

    interface Pixel {
        int value(int k, int y, int x, int ch);
    }

    static void row(ClassifierFeatures f, double[][] fa, double base, String what, byte[] b, int n, UnaryOperator<byte[]> damage) {
        double fd = QualityMetrics.frechetDistance(fa, f.features(damage.apply(b), n, S));
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f |%n", what, fd, fd / base);
    }

    static int px(byte[] p, int k, int y, int x, int ch) {
        return p[((k * S + Math.min(S - 1, Math.max(0, y))) * S + Math.min(S - 1, Math.max(0, x))) * 3 + ch] & 0xff;
    }

    static byte[] map(byte[] p, int n, Pixel f) {
        byte[] out = new byte[p.length];
        for (int k = 0; k < n; k++) {
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        out[((k * S + y) * S + x) * 3 + ch] = (byte) f.value(k, y, x, ch);
                    }
                }
            }
        }
        return out;
    }

    static int box(byte[] p, int k, int y, int x, int ch, int r) {
        int sum = 0;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                sum += px(p, k, y + dy, x + dx, ch);
            }
        }
        return Math.round(sum / (float) ((2 * r + 1) * (2 * r + 1)));
    }

    static int median(byte[] p, int k, int y, int x, int ch) {
        int[] w = new int[9];
        int m = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                w[m++] = px(p, k, y + dy, x + dx, ch);
            }
        }
        java.util.Arrays.sort(w);
        return w[4];
    }
}
