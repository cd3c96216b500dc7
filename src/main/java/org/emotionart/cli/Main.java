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
                GenerateCommand.class,
                InterpolateCommand.class,
                ClassifyCommand.class,
                ModelsCommand.class,
                InspectCommand.class,
                ServeCommand.class,
                SynthCommand.class,
                DataCommand.class,
                TrainClassifierCommand.class,
                TrainGanCommand.class,
                ExportGanCommand.class,
                LabelCommand.class,
                EvaluateCommand.class,
                ImportTorchCommand.class,
                BenchCommand.class,
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

    /** Commands that run TensorFlow: its native library starts loading while the command line is parsed. */
    private static final java.util.Set<String> TENSORFLOW_COMMANDS = java.util.Set.of("generate", "interpolate",
            "classify", "serve", "train-classifier", "train-gan", "export-gan", "import-torch", "label", "evaluate",
            "bench");
    /** Commands that draw text into images (grids): Java2D's fonts warm up meanwhile too. */
    private static final java.util.Set<String> DRAWING_COMMANDS = java.util.Set.of("generate", "interpolate");

    public static void main(String[] args) {
        if (args.length > 0 && TENSORFLOW_COMMANDS.contains(args[0])) {
            background("tensorflow-preload", () -> org.tensorflow.TensorFlow.version());
        }
        if (args.length > 0 && DRAWING_COMMANDS.contains(args[0])) {
            background("font-preload", () -> org.emotionart.viz.Images.png(org.emotionart.viz.ImageGrid.grid(
                    java.util.List.of(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB)),
                    1, java.util.List.of("x"), "x")));
        }
        System.exit(run(args));
    }

    /**
     * Runs start-up work on a daemon thread, to overlap it with parsing (loading TensorFlow's ~650 MB
     * native library takes most of a second). Failures are ignored here: the real use reports them.
     */
    private static void background(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable ignored) {
                // the command's own use of it will fail with a proper message
            }
        }, name);
        t.setDaemon(true);
        t.start();
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
