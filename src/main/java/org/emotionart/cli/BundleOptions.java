package org.emotionart.cli;

import java.nio.file.Path;
import java.util.function.Function;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.BundleException;
import org.emotionart.api.EmotionClassifier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the bundles that options name. A path that is no bundle, or a bundle of the other kind (a
 * generator given as {@code --classifier}), is a usage error (exit 2) naming the option and what the
 * folder is; a bundle that TensorFlow cannot load is a failure (exit 1).
 */
final class BundleOptions {
    private BundleOptions() {
    }

    static EmotionClassifier classifier(CommandSpec spec, String option, Path dir) {
        return load(spec, option, dir, EmotionClassifier::load);
    }

    static ArtGenerator generator(CommandSpec spec, String option, Path dir) {
        return load(spec, option, dir, ArtGenerator::load);
    }

    private static <T> T load(CommandSpec spec, String option, Path dir, Function<Path, T> loader) {
        try {
            return loader.apply(dir);
        } catch (BundleException e) {
            if (e.getCause() == null) { // the folder, its layout or its metadata: the argument is wrong
                throw Checks.usage(spec, option + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
