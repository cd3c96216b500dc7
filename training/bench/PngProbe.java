import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.emotionart.Emotion;
import org.emotionart.api.ArtGenerator;
import org.emotionart.viz.Images;

/**
 * What a painting's PNG costs: the JDK's ImageIO writer against Images.png (pngencoder, what the project
 * writes), on 60 paintings of a shipped generator (20 per emotion, seeds 5..24), warm, three rounds. Prints
 * ms per painting and bytes per painting for each.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/PngProbe.java [STYLE]
 */
public class PngProbe {
    interface Encoder { byte[] encode(BufferedImage image) throws Exception; }

    public static void main(String[] args) throws Exception {
        String style = args.length > 0 ? args[0] : "landscape";
        List<BufferedImage> paintings = new ArrayList<>();
        try (ArtGenerator g = ArtGenerator.load(Path.of("savedmodels/generator-" + style))) {
            for (Emotion e : Emotion.values()) {
                paintings.addAll(g.generate(e, 20, 5));
            }
        }
        Encoder jdk = image -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        };
        Encoder ours = Images::png;
        for (int round = 1; round <= 3; round++) {
            for (String name : List.of("ImageIO", "Images.png")) {
                Encoder enc = name.equals("ImageIO") ? jdk : ours;
                long bytes = 0;
                int n = 0;
                long t0 = System.nanoTime();
                for (int k = 0; k < 20; k++) {
                    for (BufferedImage p : paintings) {
                        bytes += enc.encode(p).length;
                        n++;
                    }
                }
                System.out.printf("round %d %-10s %.3f ms/painting %6d bytes/painting%n", round, name,
                        (System.nanoTime() - t0) / 1e6 / n, bytes / n);
            }
        }
    }
}
