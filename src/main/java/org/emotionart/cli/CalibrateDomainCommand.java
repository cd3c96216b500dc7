package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emotionart.api.Domain;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.Datasets;
import org.emotionart.data.ImageSet;
import org.emotionart.eval.DomainCalibration;
import org.emotionart.bundle.SavedModels;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.FileTrees;
import org.emotionart.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emotion-art calibrate-domain}: see {@link Domain}. */
@Command(name = "calibrate-domain", mixinStandardHelpOptions = true,
        description = {"Teach a classifier bundle to say when an image is unlike what it was trained on: the "
                + "Mahalanobis distance of its penultimate features to the nearest emotion's mean (means and "
                + "covariance from --data, the paintings it was trained on), with the threshold that --quantile "
                + "of --heldout (other paintings of the same distribution) fall within.",
                "Writes the bundle's next version (a copy with assets.extra/domain.json); classify, label, "
                        + "serve and the library then mark out-of-domain answers as guesses."})
final class CalibrateDomainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--classifier", defaultValue = "${sys:emotionart.models:-savedmodels}/classifier",
            paramLabel = "BUNDLE", description = "Classifier bundle (default: ${DEFAULT-VALUE}).")
    Path classifier;
    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The WikiArt root the classifier was trained on (e.g. work/benchmark).")
    Path data;
    @Option(names = "--labels", paramLabel = "FILE", description = "Labels for --data (default: DIR/labels.csv).")
    Path labels;
    @Option(names = "--heldout", required = true, paramLabel = "DIR",
            description = "Paintings of the same kind it never saw (e.g. synth --seed 1 --out work/benchmark-heldout).")
    Path heldout;
    @Option(names = "--heldout-labels", paramLabel = "FILE", description = "Labels for --heldout (default: DIR/labels.csv).")
    Path heldoutLabels;
    @Option(names = "--quantile", defaultValue = "0.97", paramLabel = "Q",
            description = "Share of --heldout inside the threshold (default: ${DEFAULT-VALUE}).")
    double quantile;

    @Override
    public Integer call() throws Exception {
        if (!(quantile > 0.5 && quantile < 1)) {
            throw Checks.usage(spec, "--quantile " + quantile + " is out of range: allowed 0.5 < Q < 1, e.g. 0.99");
        }
        for (Path p : new Path[] {data, heldout}) {
            if (!Files.isDirectory(p)) {
                throw Checks.usage(spec, p + " is not a folder (a WikiArt root: one folder per style)");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Path version;
        Domain domain;
        try (EmotionClassifier c = BundleOptions.classifier(spec, "--classifier", classifier)) {
            version = c.path();
            ImageSet train = Datasets.loadAll(data, labels != null ? labels : data.resolve("labels.csv"), c.imageSize());
            ImageSet held = Datasets.loadAll(heldout, heldoutLabels != null ? heldoutLabels
                    : heldout.resolve("labels.csv"), c.imageSize());
            domain = DomainCalibration.calibrate(c, train, held, quantile, String.format(Locale.ROOT,
                    "means and covariance of %,d paintings of %s, threshold at the %.1f%% quantile of %,d paintings "
                            + "of %s", train.count(), data, 100 * quantile, held.count(), heldout));
            out.printf(Locale.ROOT, "features of %,d training paintings (%s), threshold %.1f: %.1f%% of %,d held-out "
                            + "paintings (%s) in domain%n", train.count(), data, domain.threshold(),
                    100 * DomainCalibration.inDomainShare(c, domain, held), held.count(), heldout);
        }
        Path modelDir = version.getParent();
        long next = SavedModels.latestVersion(modelDir).orElse(0) + 1;
        Path target = modelDir.resolve(Long.toString(next));
        Path tmp = FileTrees.createHiddenFolder(modelDir, ".calibrate-");
        try {
            FileTrees.copy(version, tmp); // into the new, empty hidden folder
            Files.deleteIfExists(tmp.resolve(Domain.FILE));
            Json.writeFile(tmp.resolve(Domain.FILE), domain);
            AtomicFiles.moveAtomically(tmp, target);
        } finally {
            if (Files.exists(tmp)) {
                FileTrees.delete(tmp);
            }
        }
        out.println("wrote " + target + " (version " + next + ": " + version.getFileName() + " with "
                + Domain.FILE + ")");
        return 0;
    }
}
