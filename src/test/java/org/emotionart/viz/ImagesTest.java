package org.emotionart.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
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
}
