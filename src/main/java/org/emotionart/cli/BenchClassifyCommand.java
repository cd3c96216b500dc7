package org.emotionart.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.emotionart.bench.ResultLine;
import org.emotionart.bench.Stats;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.SessionConfig;
import org.emotionart.train.ClassifierBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emotion-art bench classify}: the classifier's forward throughput on random weights, its
 * arithmetic rate against the CPU's FP32 peak, and what that means for labelling a data set.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Times the classifier's forward pass (VGG16 or the compact CNN) on random weights and "
                + "random images: images per second, GFLOP/s (a multiply-add counts as 2) and the share of the "
                + "CPU's FP32 peak, and the time to label --images images.",
                "Last line: mode=classify batch=.. img_per_s=.. gflop_per_s=.. peak_pct=.. ..."})
final class BenchClassifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--backbone", defaultValue = "vgg16", description = "vgg16 or compact (default: ${DEFAULT-VALUE}).")
    String backbone;
    @Option(names = "--size", description = "Input size (default: 224 vgg16, 64 compact).")
    Integer size;
    @Option(names = "--steps", defaultValue = "5", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--warmup", defaultValue = "1", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--threads", defaultValue = "0", description = "TF threads, 0 = all cores (default).")
    int threads;
    @Option(names = "--precision", defaultValue = "fp32", converter = PrecisionConverter.class,
            description = "fp32 or bf16 (oneDNN auto mixed precision) (default: ${DEFAULT-VALUE}).")
    SessionConfig.Precision precision;
    @Option(names = "--peak-gflops", paramLabel = "GFLOP/s",
            description = "The FP32 peak to compare with (default: measured in this run, a 2048x2048 TF MatMul, as "
                    + "bench train does).")
    Double peakOption;
    @Option(names = "--images", defaultValue = "15000", description = "Data set size for the labelling projection (default: ${DEFAULT-VALUE}).")
    int images;

    @Override
    public Integer call() {
        Checks.range(spec, "--batch", batch, 1, 1024);
        Checks.range(spec, "--steps", steps, 1, 100000);
        Checks.range(spec, "--warmup", warmup, 0, 100000);
        Checks.range(spec, "--images", images, 1, Integer.MAX_VALUE);
        if (peakOption != null && !(peakOption > 0)) {
            throw Checks.usage(spec, "invalid value for --peak-gflops: " + peakOption + " (must be positive)");
        }
        ClassifierSpec cs;
        try {
            ClassifierSpec base = ClassifierSpec.defaultsFor(backbone);
            cs = new ClassifierSpec(base.backbone(), size != null ? size : base.imageSize(), base.width(),
                    base.hidden(), base.dropout());
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, e.getMessage());
        }
        double flops = ClassifierBenchmark.flopsPerImage(cs);
        var sessionConfig = SessionConfig.create(Checks.tfThreads(spec, threads), precision);
        // the peak of this machine now, not a constant from another (the CPU kind changes between machines)
        double peak = peakOption != null ? peakOption : org.emotionart.train.MatMulPeak.gflops(sessionConfig, 2048, 5);
        ClassifierBenchmark.Timing timing = ClassifierBenchmark.forward(cs, batch, warmup, steps, sessionConfig);
        double[] ms = timing.wallMs();
        double median = Stats.median(ms);
        double imgPerS = batch * 1000.0 / median;
        double gflopPerS = imgPerS * flops / 1e9;
        double share = 100 * gflopPerS / peak;
        double labelMinutes = images / imgPerS / 60;
        int cores = Runtime.getRuntime().availableProcessors();
        double cpuMedian = Stats.median(timing.cpuMs());
        // what the cores would do if this process had them alone: FLOP per core-second times the cores
        double aloneGflopPerS = batch * flops / 1e9 / (cpuMedian / 1000) * cores;
        double coresUsed = cpuMedian / median;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "classifier forward: %s at %d px, batch %d, %s, random weights: %.2f GFLOP per image "
                        + "(%.2f G multiply-adds)%n", cs.backbone(), cs.imageSize(), batch,
                precision.name().toLowerCase(Locale.ROOT), flops / 1e9, flops / 2e9);
        out.printf(Locale.ROOT, "median %.0f ms per batch (%d timed, min %.0f, max %.0f) = %.2f img/s = %.1f GFLOP/s = "
                        + "%.1f%% of the %.0f GFLOP/s FP32 peak " + (peakOption != null ? "given" : "measured now (a 2048x2048 TF "
                + "MatMul)") + "%n", median, steps, Stats.min(ms), Stats.max(ms), imgPerS, gflopPerS, share, peak);
        out.printf(Locale.ROOT, "CPU time: %.2f of %d cores busy for this process; per core-second %.1f GFLOP, i.e. "
                        + "%.1f GFLOP/s = %.1f%% of peak (%.2f img/s) if it had the cores alone%s%n", coresUsed, cores,
                aloneGflopPerS / cores, aloneGflopPerS, 100 * aloneGflopPerS / peak, aloneGflopPerS * 1e9 / flops,
                coresUsed < cores * 0.9 ? " (other processes shared the cores)" : "");
        out.printf(Locale.ROOT, "labelling %,d images: about %.0f min of classifier time at the measured rate "
                + "(decoding runs beside it on the same cores)%n", images, labelMinutes);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("backbone", cs.backbone());
        extra.put("size", cs.imageSize());
        extra.put("precision", precision.name().toLowerCase(Locale.ROOT));
        extra.put("gflop_per_img", String.format(Locale.ROOT, "%.3f", flops / 1e9));
        extra.put("gflop_per_s", String.format(Locale.ROOT, "%.1f", gflopPerS));
        extra.put("peak_gflop_per_s", String.format(Locale.ROOT, "%.0f", peak));
        extra.put("peak_pct", String.format(Locale.ROOT, "%.1f", share));
        extra.put("cores_busy", String.format(Locale.ROOT, "%.2f", coresUsed));
        extra.put("alone_peak_pct", String.format(Locale.ROOT, "%.1f", 100 * aloneGflopPerS / peak));
        extra.put("label_images", images);
        extra.put("label_min", String.format(Locale.ROOT, "%.1f", labelMinutes));
        out.println(ResultLine.of("classify", batch, ms, extra));
        out.flush();
        return 0;
    }
}
