package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.emotionart.export.TorchImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emotion-art import-torch FILE --style STYLE --out savedmodels/generator-STYLE [--batch-stats]}. */
@Command(name = "import-torch", mixinStandardHelpOptions = true,
        description = {"Imports a generator of the original (PyTorch) emotion-art project, e.g. "
                + "weights/landscape/netG_landscape_64.weight (a state_dict saved by torch.save), as a SavedModel "
                + "with the same signatures and metadata as export-gan's (TF Serving layout: OUT/<version>/, tag serve).",
                "Layer widths, noise size and image size are read from the file.",
                "Batch norm uses the file's running statistics (PyTorch's model.eval()) unless --batch-stats is given."})
final class ImportTorchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The PyTorch state_dict (torch.save zip format).")
    Path file;

    @Option(names = "--style", required = true, paramLabel = "STYLE",
            description = "The style the generator paints, e.g. landscape (written to the bundle's metadata).")
    String style;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Model folder, e.g. savedmodels/generator-landscape; the bundle goes to DIR/<version>.")
    Path out;

    @Option(names = "--model-version", paramLabel = "N",
            description = "Version folder, as TF Serving numbers them (default: the next free number).")
    Long version;

    @Option(names = "--batch-stats",
            description = {"Normalise with the batch statistics of each request, as the original generation script "
                    + "did (it never switched the model to eval mode), to reproduce its images.",
                    "An image then depends on the other images generated in the same batch: the same emotion and "
                            + "seed can give a different painting in another batch."})
    boolean batchStats;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (style.isBlank()) {
            throw Checks.usage(spec, "--style must not be blank");
        }
        if (version != null) {
            Checks.range(spec, "--version", version, 1, Long.MAX_VALUE);
        }
        long start = System.nanoTime();
        TorchImport.Imported imported = TorchImport.importGenerator(file, style, out, Optional.ofNullable(version),
                batchStats);
        TorchImport.ImportedGenerator g = imported.generator();
        PrintWriter w = spec.commandLine().getOut();
        w.printf("read %s: PyTorch state_dict, %d tensors, %,d values%n", file, g.tensors(), g.parameters());
        w.printf("generator: %d px, z %d + 3 emotions, widths %s (hidden_dim %d)%s%n", g.spec().imageSize(),
                g.spec().zDim(), g.widths(), g.spec().gWidth(),
                g.numBatchesTracked().isEmpty() ? "" : ", num_batches_tracked " + g.numBatchesTracked().get(0));
        w.println("batch norm: " + (batchStats
                ? "batch statistics of each request (as the original script; images depend on their batch)"
                : "running statistics (inference mode)"));
        w.printf("exported %s in %.1f s%n", imported.bundle(), (System.nanoTime() - start) / 1e9);
        w.flush();
        return 0;
    }
}
