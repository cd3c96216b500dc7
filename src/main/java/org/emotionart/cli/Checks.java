package org.emotionart.cli;

import org.emotionart.train.Conditioning;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Argument checks that end in a usage error (exit 2) naming what is allowed. */
final class Checks {
    private Checks() {
    }

    static void range(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw usage(spec, "invalid value for " + option + ": " + value + " (allowed: " + min + ".." + max + ")");
        }
    }

    /** Image sizes a command may ask for: 64 for the GAN, 224 for the classifier. */
    static void imageSize(CommandSpec spec, int size) {
        range(spec, "--size", size, 8, 1024);
    }

    /** The generator of a style; a style without a bundle is a usage error listing those there are. */
    static org.emotionart.api.ArtGenerator generator(CommandSpec spec, org.emotionart.api.EmotionArt art, String style) {
        try {
            return art.generator(style);
        } catch (org.emotionart.api.UnknownStyleException e) {
            throw usage(spec, e.getMessage());
        }
    }

    /** {@code --threads}, the same in every command: 0 (all cores) to 256; returns the count to use. */
    static int threads(CommandSpec spec, int threads) {
        tfThreads(spec, threads);
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** {@code --threads} for TensorFlow: checked as {@link #threads}, and 0 kept (TensorFlow's own: all cores). */
    static int tfThreads(CommandSpec spec, int threads) {
        range(spec, "--threads", threads, 0, 256);
        return threads;
    }

    /** An output folder option: refused (exit 2) when it names a file. */
    static void outputFolder(CommandSpec spec, String option, java.nio.file.Path dir) {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw usage(spec, option + " " + dir + " is a file, not a folder: give a folder to write into");
        }
    }

    /** An output file option: refused (exit 2) when it names a folder. */
    static void outputFile(CommandSpec spec, String option, java.nio.file.Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw usage(spec, option + " " + file + " is a folder, not a file: give a file to write");
        }
    }

    /**
     * A file to read, named by {@code what} (an option, or a parameter's label): refused (exit 2) when
     * it names nothing, a folder, or something else than a regular file (a device such as
     * {@code /dev/zero}, also through a link, or a pipe: reading one may never end).
     */
    static void inputFile(CommandSpec spec, String what, java.nio.file.Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw usage(spec, what + " " + file + " is a folder, not a file");
        }
        if (!java.nio.file.Files.exists(file)) {
            throw usage(spec, what + " " + file + " does not exist");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw usage(spec, what + " " + file + " is not a regular file (a device or a pipe?): give a file");
        }
    }

    /** Creates an output folder, or says in words why it cannot be (exit 1). */
    static void createFolder(String option, java.nio.file.Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new org.emotionart.EmotionArtException("cannot create the " + option + " folder: "
                    + org.emotionart.util.IoErrors.describe(e));
        }
    }

    /** The conditioning of a {@code --conditioning} word; an unknown word is a usage error listing the words. */
    static Conditioning conditioning(CommandSpec spec, String word) {
        try {
            return Conditioning.ofWord(word);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage());
        }
    }

    /** A {@code --mode-seeking} weight: 0 (none) to 100; anything else is a usage error. */
    static float modeSeeking(CommandSpec spec, float lambda) {
        if (!(lambda >= 0 && lambda <= 100)) {
            throw usage(spec, "--mode-seeking " + lambda + " is out of range: allowed 0 (none) to 100, e.g. 0.1");
        }
        return lambda;
    }

    /**
     * An {@code --r1} weight: 0 (none) to 1000, and only with the projection discriminator (the original's
     * batch norm has no second-order gradient in TensorFlow) and without {@code --d-minibatch-std} (its square
     * root has none either); anything else is a usage error.
     */
    static float r1(CommandSpec spec, float gamma, Conditioning conditioning, boolean minibatchStd) {
        if (!(gamma >= 0 && gamma <= 1000)) {
            throw usage(spec, "--r1 " + gamma + " is out of range: allowed 0 (none) to 1000, e.g. 1");
        }
        if (gamma > 0 && conditioning != Conditioning.PROJECTION) {
            throw usage(spec, "--r1 needs --conditioning projection (the concat discriminator's batch norm has no "
                    + "second-order gradient here)");
        }
        if (gamma > 0 && minibatchStd) {
            throw usage(spec, "--r1 and --d-minibatch-std do not go together (the batch's spread has no "
                    + "second-order gradient here): use one of them");
        }
        return gamma;
    }

    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
