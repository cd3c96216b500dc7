package org.emotionart.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagesTest {
    @Test
    void gridColumnsAreOneRowUpToEightThenWiderThanHigh() {
        assertEquals(1, ImageGrid.columnsFor(1));
        assertEquals(8, ImageGrid.columnsFor(8));
        assertEquals(4, ImageGrid.columnsFor(9)); // ceil(sqrt(14.4))
        assertEquals(6, ImageGrid.columnsFor(20));
        assertEquals(11, ImageGrid.columnsFor(64));
    }

    @Test
    void packedPixelsBecomeImagesInOrderAndBack() {
        byte[] pixels = new byte[3 * 2 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        List<BufferedImage> images = Images.allFromHwc(pixels, 2);
        assertEquals(3, images.size());
        byte[] back = new byte[pixels.length];
        for (int i = 0; i < images.size(); i++) {
            Images.toHwc(images.get(i), back, i);
        }
        assertArrayEquals(pixels, back);
    }

    @Test
    void pngHoldsExactlyThePixelsAndTheSameImageGivesTheSameBytes() throws IOException {
        Random random = new Random(3);
        byte[] pixels = new byte[2 * 64 * 64 * 3];
        for (int i = 0; i < pixels.length; i++) { // smooth ramps with noise: what the predictor filters see
            pixels[i] = (byte) ((i / 3 % 64) * 3 + random.nextInt(16));
        }
        for (BufferedImage image : Images.allFromHwc(pixels, 64)) {
            byte[] png = Images.png(image);
            assertArrayEquals(png, Images.png(image), "deterministic");
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(png)); // the JDK's own decoder reads it
            assertEquals(64, back.getWidth());
            assertArrayEquals(image.getRGB(0, 0, 64, 64, null, 0, 64), back.getRGB(0, 0, 64, 64, null, 0, 64));
        }
    }
}
