package org.emotionart.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.emotionart.EmotionArtException;
import org.emotionart.util.IoErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.emotionart.Emotion;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.EmotionArt;
import org.emotionart.util.AtomicFiles;
import org.emotionart.viz.ImageGrid;
import org.emotionart.viz.Images;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code emotion-art generate STYLE EMOTION N}: the original's {@code generator_64.py STYLE EMOTION N}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Paint N pictures of a style that feel like an emotion, with the shipped (or your) generator.",
                "Writes OUT/STYLE-EMOTION-SEED.png for each image and OUT/STYLE-EMOTION-grid.png, and prints the paths. "
                        + "Image i uses seed S+i: the same seed gives byte-identical PNGs."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STYLE", description = "A style with a generator bundle, e.g. landscape.")
    String style;
    @Parameters(index = "1", paramLabel = "EMOTION", description = "negative, neutral or positive.")
    Emotion emotion;
    @Parameters(index = "2", paramLabel = "N", description = "Number of paintings, 1.." + ArtGenerator.MAX_COUNT + ".")
    int count;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "First seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", defaultValue = "generated", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--models", defaultValue = "${sys:emotionart.models:-savedmodels}", paramLabel = "DIR",
            description = "Bundles folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @Override
    public Integer call() throws Exception {
        Checks.range(spec, "N", count, 1, ArtGenerator.MAX_COUNT);
        Checks.range(spec, "--seed", seed, -ArtGenerator.MAX_SEED, ArtGenerator.MAX_SEED - (count - 1));
        Checks.outputFolder(spec, "--out", out);
        try (EmotionArt art = EmotionArt.open(models)) {
            ArtGenerator generator = Checks.generator(spec, art, style);
            List<BufferedImage> images = generator.generate(emotion, count, seed);
            Checks.createFolder("--out", out);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                files.add(out.resolve(style + "-" + emotion.label() + "-" + (seed + i) + ".png"));
            }
            // encoding PNGs is the one part left after the model ran: use every core for it
            boolean[] done = new boolean[files.size()];
            java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
            IntStream.range(0, images.size()).parallel().forEach(i -> {
                try {
                    AtomicFiles.write(files.get(i), o -> o.write(Images.png(images.get(i))));
                    done[i] = true;
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            });
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                if (done[i]) {
                    written.add(files.get(i));
                }
            }
            written.forEach(p -> out().println(p));
            if (failure.get() != null) {
                throw new EmotionArtException("wrote " + written.size() + " of " + files.size() + " paintings (listed "
                        + "above) into " + out + ", then failed: " + IoErrors.describe(failure.get()));
            }
            BufferedImage grid = ImageGrid.grid(images, ImageGrid.columnsFor(count), null, style + " - " + emotion.label()
                    + " (seeds " + seed + ".." + (seed + count - 1) + ")");
            Path gridFile = out.resolve(style + "-" + emotion.label() + "-grid.png");
            try {
                Images.writePng(grid, gridFile);
            } catch (IOException | RuntimeException e) {
                throw new EmotionArtException("wrote all " + files.size() + " paintings (listed above) into " + out
                        + " but not the grid " + gridFile.getFileName() + ": " + IoErrors.describe(e));
            }
            out().println(gridFile);
        }
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
