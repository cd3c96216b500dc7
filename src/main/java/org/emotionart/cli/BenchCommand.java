package org.emotionart.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code emotion-art bench ...}: throughput benchmarks (commands, not tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed: data loading, training steps, generation, classification. The last line of each is machine-readable.",
        subcommands = {
                BenchGanCommands.Train.class,
                BenchGanCommands.Generate.class,
                BenchDataCommand.class,
                BenchClassifyCommand.class,
                BenchServeCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
