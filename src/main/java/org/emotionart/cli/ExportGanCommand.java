package org.emotionart.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.emotionart.export.GanExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emotion-art export-gan RUN_DIR --out savedmodels/generator-STYLE}. */
@Command(name = "export-gan", mixinStandardHelpOptions = true,
        description = {"Exports a trained GAN's generator as a SavedModel (TF Serving layout: OUT/<version>/, tag serve).",
                "Signatures: serving_default (emotion int32 [N], seed int64 [N] -> images uint8 [N,S,S,3]) and "
                        + "generate_from_z (z float32 [N,100], emotion int32 [N] -> images)."})
final class ExportGanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The --out folder of a train-gan run.")
    Path runDir;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Model folder, e.g. savedmodels/generator-landscape; the bundle goes to DIR/<version>.")
    Path out;

    @Option(names = "--model-version", paramLabel = "N",
            description = "Version folder, as TF Serving numbers them (default: the next free number).")
    Long version;

    @Option(names = "--step", paramLabel = "N", description = "Export this checkpoint (default: the latest).")
    Long step;

    @Option(names = "--weights", defaultValue = "ema", paramLabel = "WHICH",
            description = "For a run trained with --ema: ema (the moving average, default) or raw (the optimizer's "
                    + "weights). Runs without --ema always export their raw weights.")
    GanExport.Weights weights;

    @Option(names = "--best", description = "Export the best measured checkpoint of a run trained with --eval-every: "
            + "the lowest FD ratio among the steps with at least 90%% emotion adherence (if none, the highest "
            + "adherence), among the checkpoints still kept.")
    boolean best;

    @Override
    public Integer call() throws Exception {
        if (best && step != null) {
            throw Checks.usage(spec, "--best and --step are alternatives: give one");
        }
        if (best) {
            step = GanExport.bestStep(runDir);
            out().println("best measured step: " + step + " (" + runDir.resolve("quality.csv") + ")");
        }
        Path bundle = GanExport.export(runDir, Optional.ofNullable(step), out, Optional.ofNullable(version), weights);
        out().println("exported " + bundle);
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
