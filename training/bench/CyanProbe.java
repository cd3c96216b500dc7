import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * How many paintings stand on a saturated cyan: a painting counts when its mean colour has blue over red by
 * more than 90 and green over red by more than 70 (of 255). Prints the count per argument group: each
 * argument is a folder (its *.png files whose names contain FILTER, when given as NAME=FOLDER:FILTER) or a
 * single PNG. Used for abstract's version 4 (training/gan-recipes.md, abstract at batch 32):
 *
 *   java -jar target/emotion-art.jar generate abstract neutral 20 --out work/gen-a4
 *   java -jar target/emotion-art.jar generate abstract positive 20 --out work/gen-a4
 *   java training/bench/CyanProbe.java work/gen-a4:neutral- work/gen-a4:positive- \
 *       work/benchmark-heldout/abstract:neutral- work/benchmark-heldout/abstract:positive-
 */
public class CyanProbe {
    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int colon = arg.lastIndexOf(':');
            File dir = new File(colon < 0 ? arg : arg.substring(0, colon));
            String filter = colon < 0 ? "" : arg.substring(colon + 1);
            File[] files = dir.isDirectory()
                    ? dir.listFiles((d, name) -> name.endsWith(".png") && name.contains(filter) && !name.contains("grid"))
                    : new File[] {dir};
            int cyan = 0;
            for (File f : files) {
                BufferedImage im = ImageIO.read(f);
                double r = 0, g = 0, b = 0;
                for (int y = 0; y < im.getHeight(); y++) {
                    for (int x = 0; x < im.getWidth(); x++) {
                        int p = im.getRGB(x, y);
                        r += (p >> 16) & 255; g += (p >> 8) & 255; b += p & 255;
                    }
                }
                double n = (double) im.getWidth() * im.getHeight();
                if (b / n > r / n + 90 && g / n > r / n + 70) cyan++;
            }
            System.out.printf("%s: %d of %d paintings on a saturated cyan%n", arg, cyan, files.length);
        }
    }
}
