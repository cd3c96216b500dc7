package org.emotionart.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code emotion-art data ...}: look at image folders and annotation files before training. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect WikiArt folders, labels and WikiArt Emotions annotations.",
        subcommands = {
                EmotionsCommand.class,
                DataStatsCommand.class,
        })
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
