package org.emotionart.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import me.tongfei.progressbar.ProgressBar;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.data.LabelledImage;
import org.emotionart.data.DataDescription;
import org.emotionart.data.LabelsFile;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.Progress;

/**
 * Writes the procedural art benchmark in the WikiArt layout: {@code out/<style>/<style>-<emotion>-00001.png}
 * ..., {@code out/labels.csv} (paths relative to {@code out}) and {@code out/contact-sheet.png}, and
 * measures the best single-statistic accuracy of what it wrote. Images are rendered in parallel; each
 * depends only on (seed, style, emotion, index, size), so the output is byte-identical for the same
 * options whatever the thread count.
 */
public final class SynthBenchmark {
    /** File name of the labels file in the output folder. */
    public static final String LABELS = "labels.csv";
    /** File name of the contact sheet in the output folder. */
    public static final String CONTACT_SHEET = "contact-sheet.png";
    /** Examples per (style, emotion) cell of the contact sheet. */
    public static final int SHEET_EXAMPLES = 4;
    /** Largest number of images per class (file names have five digits). */
    public static final int MAX_PER_CLASS = 99_999;

    private SynthBenchmark() {
    }

    /**
     * What to generate: {@code perClass} images of every (style, emotion) at {@code size} pixels from
     * {@code seed}, into {@code out}, on {@code threads} threads, with a progress bar when
     * {@code progress}.
     */
    public record Options(Path out, int perClass, int size, long seed, List<Style> styles, int threads,
            boolean progress) {
        public Options {
            if (perClass < 1 || perClass > MAX_PER_CLASS) {
                throw new IllegalArgumentException("per-class " + perClass + " is outside 1.." + MAX_PER_CLASS);
            }
            if (size < PaintingRenderer.MIN_SIZE || size > PaintingRenderer.MAX_SIZE) {
                throw new IllegalArgumentException("size " + size + " is outside "
                        + PaintingRenderer.MIN_SIZE + ".." + PaintingRenderer.MAX_SIZE);
            }
            if (styles.isEmpty()) {
                throw new IllegalArgumentException("no styles");
            }
            styles = List.copyOf(styles);
            threads = Math.max(1, threads);
        }

        /** Defaults: all cores, a progress bar. */
        public Options(Path out, int perClass, int size, long seed, List<Style> styles) {
            this(out, perClass, size, seed, styles, Runtime.getRuntime().availableProcessors(), true);
        }
    }

    /** What was written and how it measures up. */
    public record Result(int images, double seconds, GlobalStatisticBaseline.Table table, List<LabelledImage> labels,
            Path labelsFile, Path contactSheet) {
        /** Images per second of the generation (rendering, encoding, writing, statistics). */
        public double imagesPerSecond() {
            return images / Math.max(1e-9, seconds);
        }
    }

    /** The relative path of an image, e.g. {@code landscape/landscape-negative-00001.png}. */
    public static String relativePath(Style style, Emotion emotion, int index) {
        return style.label() + "/" + String.format(Locale.ROOT, "%s-%s-%05d.png", style.label(), emotion.label(), index);
    }

    /** The command that makes this benchmark, as recorded in its dataset.json. */
    public static String command(Options o) {
        return "emotion-art synth --per-class " + o.perClass() + " --size " + o.size() + " --seed " + o.seed()
                + " --styles " + String.join(",", o.styles().stream().map(Style::label).toList());
    }

    /** True when {@code o.out()} already holds this exact benchmark (marker and labels written last). */
    public static boolean alreadyThere(Options o) {
        return Files.isRegularFile(o.out().resolve(LABELS))
                && DataDescription.benchmarkCommand(o.out()).filter(command(o)::equals).isPresent();
    }

    /** Generates the benchmark described by {@code o}. */
    public static Result generate(Options o) throws IOException {
        if (Files.exists(o.out()) && !Files.isDirectory(o.out())) {
            throw new EmotionArtException("output " + o.out() + " exists and is not a folder");
        }
        Files.createDirectories(o.out());
        for (Style s : o.styles()) {
            Files.createDirectories(o.out().resolve(s.label()));
        }
        int perStyle = Emotion.COUNT * o.perClass();
        int total = o.styles().size() * perStyle;
        double[][] stats = new double[total][];
        BufferedImage[] examples = new BufferedImage[total];
        long start = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(o.threads());
        try (ProgressBar bar = o.progress() ? Progress.bar("synth", total, "img") : null) {
            pool.submit(() -> IntStream.range(0, total).parallel().forEach(job -> {
                Style style = o.styles().get(job / perStyle);
                Emotion emotion = Emotion.of(job % perStyle / o.perClass());
                int index = job % o.perClass() + 1;
                BufferedImage img = PaintingRenderer.render(o.seed(), style, emotion, index, o.size());
                stats[job] = GlobalStatisticBaseline.measure(img);
                if (index <= SHEET_EXAMPLES) {
                    examples[job] = img;
                }
                write(o.out().resolve(relativePath(style, emotion, index)), img);
                if (bar != null) {
                    bar.step();
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmotionArtException("interrupted while writing " + o.out());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }

        List<LabelledImage> labels = new ArrayList<>(total);
        List<GlobalStatisticBaseline.Measured> measured = new ArrayList<>(total);
        List<List<List<BufferedImage>>> sheet = new ArrayList<>();
        for (int job = 0; job < total; job++) {
            Style style = o.styles().get(job / perStyle);
            Emotion emotion = Emotion.of(job % perStyle / o.perClass());
            int index = job % o.perClass() + 1;
            labels.add(new LabelledImage(relativePath(style, emotion, index), style.label(), emotion));
            measured.add(new GlobalStatisticBaseline.Measured(style.label(), emotion, stats[job]));
            if (job % perStyle == 0) {
                sheet.add(new ArrayList<>());
            }
            if (index == 1) {
                sheet.get(sheet.size() - 1).add(new ArrayList<>());
            }
            if (examples[job] != null) {
                List<List<BufferedImage>> row = sheet.get(sheet.size() - 1);
                row.get(row.size() - 1).add(examples[job]);
            }
        }
        Path labelsFile = o.out().resolve(LABELS);
        LabelsFile.write(labelsFile, labels);
        DataDescription.writeBenchmark(o.out(), command(o));
        Path contactSheet = o.out().resolve(CONTACT_SHEET);
        write(contactSheet, ContactSheet.build(o.styles(), sheet, SHEET_EXAMPLES));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(total, seconds, GlobalStatisticBaseline.analyse(measured), List.copyOf(labels), labelsFile,
                contactSheet);
    }

    /** PNG bytes of an image (the JDK writer is deterministic; no disk cache). */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(16 * 1024);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(buf)) {
            writer.setOutput(out);
            writer.write(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return buf.toByteArray();
    }

    private static void write(Path file, BufferedImage img) {
        byte[] bytes = png(img);
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
