package org.emotionart.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code emotion-art} command. Exit codes, one rule for every command: 0 success; 2 the command
 * line is wrong (unknown command or option, a malformed or out-of-range value, or a path that names
 * nothing or the wrong kind of thing: a missing folder, a classifier given as a generator); 1 the
 * command line was right but the work failed (a corrupt file, a full disk, a model that cannot run).
 * Errors print one line; {@code --verbose} adds the stack trace.
 */
@Command(name = "emotion-art", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Paintings from an emotion: a conditional GAN per style and an image-to-emotion classifier, "
                + "built and trained with TensorFlow Java.")
public final class Main implements Runnable {

    /** The subcommands, in the order --help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("help", CommandLine.HelpCommand::new);
        COMMANDS.put("generate", GenerateCommand::new);
        COMMANDS.put("interpolate", InterpolateCommand::new);
        COMMANDS.put("classify", ClassifyCommand::new);
        COMMANDS.put("models", ModelsCommand::new);
        COMMANDS.put("inspect", InspectCommand::new);
        COMMANDS.put("serve", ServeCommand::new);
        COMMANDS.put("synth", SynthCommand::new);
        COMMANDS.put("data", DataCommand::new);
        COMMANDS.put("train-classifier", TrainClassifierCommand::new);
        COMMANDS.put("train-gan", TrainGanCommand::new);
        COMMANDS.put("export-gan", ExportGanCommand::new);
        COMMANDS.put("label", LabelCommand::new);
        COMMANDS.put("evaluate", EvaluateCommand::new);
        COMMANDS.put("calibrate-domain", CalibrateDomainCommand::new);
        COMMANDS.put("import-torch", ImportTorchCommand::new);
        COMMANDS.put("bench", BenchCommand::new);
        // bash/zsh completion of the whole tree: source <(emotion-art generate-completion)
        COMMANDS.put("generate-completion", picocli.AutoComplete.GenerateCompletion::new);
    }

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
    private static final Set<String> TENSORFLOW_COMMANDS = Set.of("generate", "interpolate",
            "classify", "serve", "train-classifier", "train-gan", "export-gan", "import-torch", "label", "evaluate", "calibrate-domain",
            "bench");
    /** Commands that draw text into images (grids): Java2D's fonts warm up meanwhile too. */
    private static final Set<String> DRAWING_COMMANDS = Set.of("generate", "interpolate");

    public static void main(String[] args) {
        skipCudaPreloadsOnCpu();
        configureLogging();
        String command = args.length > 0 ? args[0] : "";
        if (TENSORFLOW_COMMANDS.contains(command)) {
            background("tensorflow-preload", org.tensorflow.TensorFlow::version);
            background("class-preload", () -> {
                // the SavedModel loader parses protobufs: their descriptors take ~0.1 s to build
                org.tensorflow.proto.SavedModel.getDescriptor();
                org.tensorflow.proto.MetaGraphDef.getDefaultInstance();
                org.tensorflow.proto.ConfigProto.getDefaultInstance();
                if (DRAWING_COMMANDS.contains(command)) {
                    // ImageIO's plugin registry, the PNG writer and Java2D's fonts: ~0.2 s on first use
                    org.emotionart.viz.Images.png(org.emotionart.viz.ImageGrid.grid(List.of(
                            new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB)), 1,
                            List.of("x"), "x"));
                }
            });
        }
        System.exit(run(args));
    }

    /**
     * slf4j-simple's settings for the command line (set here, not in a simplelogger.properties in the
     * jar, which would take over the logging of an application that uses the library): libraries (Jetty,
     * Javalin, jhdf) say only what needs attention, emotion-art's own at info, Javalin's "Failed to start"
     * not at all (serve says why in one line). A value set by the user wins.
     */
    static void configureLogging() {
        String[][] settings = {
                {"org.slf4j.simpleLogger.defaultLogLevel", "warn"},
                {"org.slf4j.simpleLogger.log.org.emotionart", "info"},
                {"org.slf4j.simpleLogger.log.io.javalin.Javalin", "off"},
                {"org.slf4j.simpleLogger.showDateTime", "true"},
                {"org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"},
                {"org.slf4j.simpleLogger.showThreadName", "false"},
                {"org.slf4j.simpleLogger.showShortLogName", "true"}};
        for (String[] s : settings) {
            if (System.getProperty(s[0]) == null) {
                System.setProperty(s[0], s[1]);
            }
        }
    }

    /**
     * With the CPU build of TensorFlow on the class path, tells JavaCPP not to look for the 19 CUDA
     * libraries the GPU build preloads: searching the class path for each costs ~0.3 s at every start.
     * The GPU build (mvn -Pgpu) keeps them. A value set by the user wins.
     */
    static void skipCudaPreloadsOnCpu() {
        String key = "org.bytedeco.javacpp.platform.extension";
        if (System.getProperty(key) == null
                && Main.class.getClassLoader().getResource("org/tensorflow/internal/c_api/linux-x86_64-gpu/") == null) {
            System.setProperty(key, "");
        }
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
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // not exceptions, so picocli's handler never sees them: still one line, not a stack trace
            cl.getErr().println(fatal(e, "emotion-art" + (args.length > 0 && COMMANDS.containsKey(args[0])
                    ? " " + args[0] : "")));
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(cl.getErr());
            }
            return 1;
        } finally {
            // picocli's writers buffer, and main() ends in System.exit: what a command printed must get out
            cl.getOut().flush();
            cl.getErr().flush();
            System.out.flush();
            System.err.flush();
        }
    }

    /** The one line for a command that ran out of memory or stack (exit 1). */
    static String fatal(Error e, String name) {
        if (e instanceof StackOverflowError) {
            return name + ": error: an input nests deeper than this program follows (a file whose structure "
                    + "refers to itself or nests thousands of levels deep); check the files given";
        }
        return name + ": error: out of memory (the Java heap's limit is "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): an input is larger than the command can "
                + "hold, or claims to be; check the files given, or allow more with JAVA_OPTS=-Xmx4g (or java -Xmx4g -jar)";
    }

    /** The whole command tree. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree; when {@code first} names a subcommand, only that one is built. (Picocli
     * builds every registered command up front, by reflection: for all of them that is a few hundred
     * milliseconds of a start that should take about one second.) Anything else gets the whole tree,
     * so --help, suggestions for a mistyped command, and errors see every command.
     */
    public static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        // "help CMD" needs CMD registered too, and completion every command: only a plain command gets
        // the one-command tree
        if (first != null && COMMANDS.containsKey(first) && !first.equals("help")
                && !first.equals("generate-completion")) {
            cl.addSubcommand(first, COMMANDS.get(first).get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        // one stdout and one stderr writer for the whole tree (picocli would give each command its own),
        // so that run() flushes what any command printed
        cl.setOut(cl.getOut());
        cl.setErr(cl.getErr());
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
        String missing = missingArgumentFile(args);
        if (missing != null) {
            // picocli takes "@FILE" of a missing FILE as a plain argument, and then complains about something else
            err.println(name + ": argument file " + missing + (java.nio.file.Files.isDirectory(java.nio.file.Path.of(
                    missing)) ? " is a folder, not a file" : " does not exist") + " (an @FILE argument is read as a "
                    + "file of options, one per line)");
            err.flush();
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        }
        String hint = ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                ? " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)" : "";
        err.println(name + ": " + ex.getMessage() + hint + " -- see '" + name + " --help'");
        if (verbose(cl)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The first "@FILE" before "--" whose file does not exist (only asked once parsing has failed). */
    private static String missingArgumentFile(String[] args) {
        for (String arg : args == null ? new String[0] : args) {
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("@") && !arg.startsWith("@@") && arg.length() > 1
                    && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(arg.substring(1)))) {
                return arg.substring(1);
            }
        }
        return null;
    }

    /** Failure while running: one line, exit 1. */
    private static int failure(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        if (ex instanceof org.emotionart.BadPathException
                || (ex instanceof org.emotionart.api.BundleException && ex.getCause() == null)) {
            // a path that names nothing or the wrong kind of thing: the command line is wrong (exit 2)
            return usageError(new ParameterException(cl, ex.getMessage()), parseResult.originalArgs()
                    .toArray(new String[0]));
        }
        boolean words = ex instanceof EmotionArtException || ex instanceof java.io.UncheckedIOException
                || ex instanceof java.io.IOException;
        String message = ex instanceof EmotionArtException ? ex.getMessage()
                : ex instanceof java.io.UncheckedIOException u && u.getMessage() != null
                        && !u.getMessage().startsWith("java.") ? u.getMessage()
                : words ? org.emotionart.util.IoErrors.describe(ex)
                : "unexpected failure" + (ex.getMessage() == null || ex.getMessage().isBlank() ? ""
                        : ": " + ex.getMessage());
        err.println(name + ": error: " + message.lines().findFirst().orElse("")
                + (verbose(cl) || words ? "" : " (--verbose shows the stack trace)"));
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
            return new String[] {"emotion-art " + org.emotionart.Version.project() + " (TensorFlow Java "
                    + org.emotionart.Version.TENSORFLOW_JAVA + ")"};
        }
    }
}
