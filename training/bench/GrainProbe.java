import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.*;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.*;
import java.util.List;
import org.emotionart.Emotion;
import org.emotionart.api.*;
import org.emotionart.data.*;
import org.emotionart.eval.*;
import org.emotionart.synth.*;

/**
 * Is it the canvas grain? The FD on the shipped classifier's features between one half of a style's held-out
 * benchmark paintings (work/benchmark-heldout) and: the other half; fresh paintings with and without the
 * grain step of the renderer; the shipped generator's paintings (seeds 1000000...) as they are and with the
 * benchmark's grain added. Prints FD and FD ratio per row.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/GrainProbe.java STYLE
 */
public class GrainProbe {
    static final int S = 64;
    public static void main(String[] args) throws Exception {
        String style = args[0];
        Path heldout = Path.of("work/benchmark-heldout");
        ImageSet set = Datasets.assemble(heldout, heldout.resolve("labels.csv"), style, S, null, false).images();
        int n = set.count() / 2; int bytes = S*S*3;
        byte[] a = new byte[n*bytes], b = new byte[n*bytes];
        for (int i = 0; i < n; i++) { System.arraycopy(set.pixels(), 2*i*bytes, a, i*bytes, bytes); System.arraycopy(set.pixels(), (2*i+1)*bytes, b, i*bytes, bytes); }
        // real without grain: render fresh paintings (seed 7) without the grain step
        byte[] ng = new byte[n*bytes], wg = new byte[n*bytes];
        Constructor<Canvas> cc = Canvas.class.getDeclaredConstructor(Graphics2D.class, Mood.class, SplittableRandom.class); cc.setAccessible(true);
        Style st = Arrays.stream(Style.values()).filter(s -> s.label().equals(style)).findFirst().get();
        for (int i = 0; i < n; i++) {
            Emotion e = Emotion.values()[i % 3];
            SplittableRandom rnd = new SplittableRandom(PaintingRenderer.imageSeed(7, st, e, i + 1));
            Mood mood = Mood.draw(e, rnd);
            BufferedImage img = new BufferedImage(S, S, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.scale(S, S); st.painter().paint(cc.newInstance(g, mood, rnd)); g.dispose();
            put(ng, i, img);
            BufferedImage full = PaintingRenderer.render(7, st, e, i + 1, S);
            put(wg, i, full);
        }
        byte[] gen = new byte[n*bytes];
        try (ArtGenerator gnr = ArtGenerator.load(Path.of("savedmodels/generator-" + style))) {
            int per = n / 3, k = 0;
            for (Emotion e : Emotion.values()) for (int from = 0; from < per; from += 50) {
                for (BufferedImage im : gnr.generate(e, Math.min(50, per - from), 1000000 + from)) put(gen, k++, im);
            }
        }
        SplittableRandom r = new SplittableRandom(3);
        byte[] genG = gen.clone();
        for (int i = 0; i < n; i++) { int amp = 1 + r.nextInt(4); for (int p = 0; p < S*S; p++) { int d = r.nextInt(2*amp+1) - amp; for (int c = 0; c < 3; c++) { int o = i*bytes + p*3 + c; genG[o] = (byte) Math.max(0, Math.min(255, (genG[o] & 0xff) + d)); } } }
        byte[] ngG = ng.clone();
        r = new SplittableRandom(4);
        for (int i = 0; i < n; i++) { int amp = 1 + r.nextInt(4); for (int p = 0; p < S*S; p++) { int d = r.nextInt(2*amp+1) - amp; for (int c = 0; c < 3; c++) { int o = i*bytes + p*3 + c; ngG[o] = (byte) Math.max(0, Math.min(255, (ngG[o] & 0xff) + d)); } } }
        try (EmotionClassifier c = EmotionClassifier.load(Path.of("savedmodels/classifier"))) {
            ClassifierFeatures f = new ClassifierFeatures(c);
            double[][] fa = f.features(a, n, S);
            double base = QualityMetrics.frechetDistance(fa, f.features(b, n, S));
            System.out.printf("%s base FD %.3f%n", style, base);
            for (var row : List.of(Map.entry("fresh real (seed 7)", wg), Map.entry("fresh real without grain", ng), Map.entry("fresh real, grain re-added", ngG), Map.entry("generated", gen), Map.entry("generated + grain", genG))) {
                double fd = QualityMetrics.frechetDistance(fa, f.features(row.getValue(), n, S));
                System.out.printf("  %-30s FD %.3f ratio %.1f%n", row.getKey(), fd, fd / base);
            }
        }
    }
    static void put(byte[] dst, int i, BufferedImage im) {
        for (int y = 0; y < S; y++) for (int x = 0; x < S; x++) { int p = im.getRGB(x, y); int o = ((i*S + y)*S + x)*3; dst[o] = (byte)(p>>16); dst[o+1] = (byte)(p>>8); dst[o+2] = (byte)p; }
    }
}
