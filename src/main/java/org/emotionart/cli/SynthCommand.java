package org.emotionart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emotionart.synth.PaintingRenderer;
import org.emotionart.synth.GlobalStatisticBaseline;
import org.emotionart.synth.Style;
import org.emotionart.synth.SynthBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code emotion-art synth}: writes the procedural art benchmark (paintings in four styles whose
 * emotion is known) in the WikiArt layout, with a labels file and a contact sheet, and reports the
 * throughput and the best accuracy any single global image statistic reaches.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write the procedural art benchmark: N paintings per style and emotion, in the WikiArt "
                + "layout DIR/<style>/<style>-<emotion>-00001.png, plus DIR/labels.csv and DIR/contact-sheet.png.",
                "The same options give byte-identical files. Prints images/s and, per statistic, the best "
                        + "3-class accuracy that two thresholds on it reach."})
public final class SynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (created; files of the same name are replaced, other files are left alone).")
    Path out;

    @Option(names = "--per-class", required = true, paramLabel = "N",
            description = "Images per style and emotion, 1.." + SynthBenchmark.MAX_PER_CLASS + ".")
    int perClass;

    @Option(names = "--size", defaultValue = "64", paramLabel = "S",
            description = "Image side in pixels, " + PaintingRenderer.MIN_SIZE + ".." + PaintingRenderer.MAX_SIZE
                    + " (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "K", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--styles", split = ",", paramLabel = "STYLE",
            defaultValue = "abstract,flower-painting,landscape,portrait",
            description = "Comma-separated styles (default: ${DEFAULT-VALUE}).")
    List<String> styles;

    @Option(names = "--skip-if-present",
            description = "Do nothing when DIR already holds this exact benchmark (same options).")
    boolean skipIfPresent;

    @Override
    public Integer call() throws IOException {
        List<Style> chosen = validate();
        SynthBenchmark.Options options = new SynthBenchmark.Options(out, perClass, size, seed, chosen);
        if (skipIfPresent && SynthBenchmark.alreadyThere(options)) {
            spec.commandLine().getOut().println("the benchmark is already in " + out + " ("
                    + SynthBenchmark.command(options) + "): nothing to do");
            return 0;
        }
        SynthBenchmark.Result r = SynthBenchmark.generate(options);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %d images (%d per style and emotion, %dx%d) to %s%n",
                r.images(), perClass, size, size, out);
        o.printf(Locale.ROOT, "labels: %s%ncontact sheet: %s%n", r.labelsFile(), r.contactSheet());
        o.printf(Locale.ROOT, "time: %.2f s, %.0f img/s%n", r.seconds(), r.imagesPerSecond());
        o.println();
        o.println("best single-statistic accuracy (3 classes, two thresholds; chance 0.333):");
        o.print(r.table().format());
        GlobalStatisticBaseline.Table t = r.table();
        String all = GlobalStatisticBaseline.Table.ALL;
        o.printf(Locale.ROOT, "best single statistic overall: %s %.3f (any style: %.3f)%n",
                t.bestStatistic(all).label(), t.best(all), t.worstCase());
        o.flush();
        return 0;
    }

    private List<Style> validate() {
        CommandLine cl = spec.commandLine();
        if (perClass < 1 || perClass > SynthBenchmark.MAX_PER_CLASS) {
            throw new ParameterException(cl, "--per-class must be 1.." + SynthBenchmark.MAX_PER_CLASS + ", got " + perClass);
        }
        if (size < PaintingRenderer.MIN_SIZE || size > PaintingRenderer.MAX_SIZE) {
            throw new ParameterException(cl, "--size must be " + PaintingRenderer.MIN_SIZE + ".."
                    + PaintingRenderer.MAX_SIZE + ", got " + size);
        }
        Checks.outputFolder(spec, "--out", out);
        List<Style> chosen = new ArrayList<>();
        for (String name : styles) {
            Style s;
            try {
                s = Style.parse(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--styles: " + e.getMessage());
            }
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        return chosen;
    }
}
