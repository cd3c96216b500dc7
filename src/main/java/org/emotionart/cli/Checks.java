package org.emotionart.cli;

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

    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
