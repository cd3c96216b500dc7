package org.emotionart.cli;

import java.io.PrintWriter;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code emotion-art} command. Exit codes: 0 success, 2 usage error (unknown option, bad value),
 * 1 failure. Errors print one line; {@code --verbose} adds the stack trace.
 */
@Command(name = "emotion-art", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Paintings from an emotion: a conditional GAN per style and an image-to-emotion classifier, "
                + "built and trained with TensorFlow Java.",
        subcommands = {
                CommandLine.HelpCommand.class,
                DataCommand.class,
                GenerateCommand.class,
                ServeCommand.class,
                TrainClassifierCommand.class,
                TrainGanCommand.class,
                ExportGanCommand.class,
                ImportTorchCommand.class,
                BenchCommand.class,
                SynthCommand.class,
        })
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces and extra detail on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(Emotion.class, Main::convertEmotion);
        cl.setOverwrittenOptionsAllowed(true); // options after an @argument-file override it
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::failure);
        return cl;
    }

    private static Emotion convertEmotion(String value) {
        try {
            return Emotion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static boolean verbose(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof Main m && m.verbose;
    }

    /** Usage error: one line with what was wrong and where to look for what is allowed; exit 2. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        String hint = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)" : "";
        err.println(name + ": " + ex.getMessage() + hint + " -- see '" + name + " --help'");
        if (verbose(cl)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Failure while running: one line, exit 1. */
    private static int failure(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        String message = ex instanceof EmotionArtException || ex instanceof java.io.UncheckedIOException
                ? ex.getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        err.println(name + ": error: " + message
                + (verbose(cl) ? "" : (ex instanceof EmotionArtException ? "" : " (--verbose shows the stack trace)")));
        if (verbose(cl)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** Version from the jar manifest (set by Maven), or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"emotion-art " + (v == null ? "dev" : v) + " (TensorFlow Java 1.1.0)"};
        }
    }
}
