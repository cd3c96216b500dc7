package org.emotionart;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emotionart.data.ImageSet;

/** Small made data shared by tests. */
public final class TestData {
    public static final PrintWriter QUIET = new PrintWriter(Writer.nullWriter());

    private TestData() {
    }


    /** Makes {@code file} {@code length} bytes long without writing them (sparse: no disk used); returns it. */
    public static Path sparse(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
        return file;
    }
    /** 48 images whose colour says their emotion (reddish, grey, greenish), with per-pixel noise. */
    public static ImageSet colouredSquares(int size) {
        int n = 48;
        byte[] pixels = new byte[n * size * size * 3];
        List<String> paths = new ArrayList<>();
        Emotion[] emotions = new Emotion[n];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            Emotion e = Emotion.of(i % 3);
            emotions[i] = e;
            paths.add("tiny/" + i + ".png");
            for (int p = 0; p < size * size; p++) {
                int base = (i * size * size + p) * 3;
                pixels[base] = (byte) ((e == Emotion.NEGATIVE ? 200 : 90) + rnd.nextInt(40));
                pixels[base + 1] = (byte) ((e == Emotion.POSITIVE ? 200 : 90) + rnd.nextInt(40));
                pixels[base + 2] = (byte) (90 + rnd.nextInt(40));
            }
        }
        return new ImageSet(size, pixels, paths, emotions);
    }
}
