package org.emotionart.cli;

import picocli.CommandLine;

/** Option checks shared by commands; a bad value is a usage error (exit 2). */
final class CliChecks {
    static final int MAX_IMAGE_SIZE = 1024;

    private CliChecks() {
    }

    static void imageSize(CommandLine.Model.CommandSpec spec, int size) {
        if (size < 8 || size > MAX_IMAGE_SIZE) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--size " + size + " is out of range: allowed 8.." + MAX_IMAGE_SIZE
                            + " (64 for the GAN, 224 for the classifier)");
        }
    }
}
