package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.emotionart.EmotionArtException;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.Prediction;
import org.emotionart.data.ImageDecoder;
import org.emotionart.data.UnreadableImageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code emotion-art classify IMAGE...}: the emotion of each image file and the three probabilities. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Say which emotion each painting evokes, with the classifier bundle.",
                "Prints a table: file, emotion, and the probabilities of negative, neutral and positive. A file "
                        + "that is not a readable image gets a line saying why; the others are still classified, "
                        + "and the exit code is 1 at the end."})
final class ClassifyCommand implements Callable<Integer> {
    /** Images decoded and classified together. */
    static final int CHUNK = 32;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (JPEG, PNG, GIF, BMP or TIFF).")
    List<Path> images;
    @Option(names = "--classifier", defaultValue = "${sys:emotionart.models:-savedmodels}/classifier", paramLabel = "DIR",
            description = "Classifier bundle: a model folder or one version folder (default: ${DEFAULT-VALUE}).")
    Path classifier;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        int outside = 0;
        try (EmotionClassifier c = BundleOptions.classifier(spec, "--classifier", classifier)) {
            int width = Math.max(5, images.stream().mapToInt(p -> p.toString().length()).max().orElse(5));
            boolean judged = c.domain().isPresent();
            String row = "%-" + width + "s  %-8s  %8s  %8s  %8s" + (judged ? "  %s" : "%s") + "%n";
            int size = c.imageSize(); // reads the metadata: a damaged bundle fails before the table starts
            out.printf(Locale.ROOT, row, "image", "emotion", "negative", "neutral", "positive", judged ? "domain" : "");
            for (int from = 0; from < images.size(); from += CHUNK) {
                List<Path> chunk = images.subList(from, Math.min(images.size(), from + CHUNK));
                byte[][] pixels = new byte[chunk.size()][];
                String[] errors = new String[chunk.size()];
                List<Integer> good = new ArrayList<>();
                // decode on all cores; Java decoding as in training (centre square, antialiased resize)
                IntStream.range(0, chunk.size()).parallel().forEach(i -> {
                    Path p = chunk.get(i);
                    try {
                        if (!Files.exists(p)) {
                            errors[i] = "no such file";
                        } else if (!Files.isRegularFile(p)) {
                            errors[i] = "not a file";
                        } else {
                            pixels[i] = ImageDecoder.decode(p, size);
                        }
                    } catch (UnreadableImageException e) {
                        errors[i] = "not a readable image: " + e.getMessage();
                    }
                });
                for (int i = 0; i < chunk.size(); i++) {
                    if (pixels[i] != null) {
                        good.add(i);
                    }
                }
                int bytes = size * size * 3;
                byte[] batch = new byte[good.size() * bytes];
                for (int k = 0; k < good.size(); k++) {
                    System.arraycopy(pixels[good.get(k)], 0, batch, k * bytes, bytes);
                }
                List<Prediction> predictions = good.isEmpty() ? List.of() : c.classifyPixels(batch, good.size());
                for (int i = 0, k = 0; i < chunk.size(); i++) {
                    if (errors[i] != null) {
                        out.printf(Locale.ROOT, "%-" + width + "s  error: %s%n", chunk.get(i), errors[i]);
                        failed++;
                    } else {
                        Prediction p = predictions.get(k++);
                        float[] pr = p.probabilities();
                        outside += p.outOfDomain() ? 1 : 0;
                        out.printf(Locale.ROOT, row, chunk.get(i), p.emotion().label(), fmt(pr[0]), fmt(pr[1]), fmt(pr[2]),
                                !judged ? "" : p.outOfDomain() ? "OUT: a guess" : "in");
                    }
                }
                out.flush();
            }
        }
        if (outside > 0) {
            out.printf(Locale.ROOT, "%d of %d %s unlike the paintings this classifier was trained on (domain OUT): "
                    + "for %s the answer is a guess%n", outside, images.size() - failed,
                    images.size() - failed == 1 ? "image is" : "images are", outside == 1 ? "it" : "them");
        }
        if (failed > 0) {
            throw new EmotionArtException(failed + " of " + images.size() + (images.size() == 1 ? " file" : " files")
                    + " could not be classified (see the lines marked error)");
        }
        return 0;
    }

    private static String fmt(float p) {
        return String.format(Locale.ROOT, "%.3f", p);
    }
}
