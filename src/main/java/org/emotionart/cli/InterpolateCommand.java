package org.emotionart.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.EmotionArt;
import org.emotionart.viz.AnimatedGif;
import org.emotionart.viz.ImageGrid;
import org.emotionart.viz.Images;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code emotion-art interpolate STYLE}: one painting's walk from negative through neutral to positive. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Walk across emotions at fixed noise: the same painting (seed S) as its condition moves from "
                + "negative through neutral to positive.",
                "Writes OUT/STYLE-walk-SEED.png (a strip) and OUT/STYLE-walk-SEED.gif (animated, there and back)."})
final class InterpolateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STYLE", description = "A style with a generator bundle.")
    String style;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--steps", defaultValue = "9", description = "Images in the walk: an odd number from 3 to 33, so that the middle one is neutral, as "
                    + "the web page's walk (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--out", defaultValue = "generated", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--models", defaultValue = "${sys:emotionart.models:-savedmodels}", paramLabel = "DIR", description = "Bundles folder (default: ${DEFAULT-VALUE}).")
    Path models;

    @Override
    public Integer call() throws Exception {
        try {
            ArtGenerator.checkWalkSteps(steps);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, "--" + e.getMessage());
        }
        Checks.range(spec, "--seed", seed, -ArtGenerator.MAX_SEED, ArtGenerator.MAX_SEED);
        Checks.outputFolder(spec, "--out", out);
        try (EmotionArt art = EmotionArt.open(models)) {
            ArtGenerator generator = Checks.generator(spec, art, style);
            List<BufferedImage> walk = generator.emotionWalk(seed, steps);
            Checks.createFolder("--out", out);
            Path strip = out.resolve(style + "-walk-" + seed + ".png");
            Images.writePng(ImageGrid.grid(walk, steps, null,
                    style + ", seed " + seed + ": negative -> neutral -> positive"), strip);
            List<BufferedImage> frames = new ArrayList<>(walk);
            for (int i = walk.size() - 2; i > 0; i--) {
                frames.add(walk.get(i));
            }
            List<BufferedImage> big = frames.stream().map(f -> ImageGrid.grid(List.of(f), 1, null, null)).toList();
            Path gif = out.resolve(style + "-walk-" + seed + ".gif");
            AnimatedGif.write(gif, big, 150);
            out().println(strip);
            out().println(gif);
        }
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
