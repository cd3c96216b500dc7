package org.emotionart.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.emotionart.bench.GenerateBench;
import org.emotionart.bench.ResultLine;
import org.emotionart.bench.Stats;
import org.emotionart.data.Datasets;
import org.emotionart.data.ImageSet;
import org.emotionart.model.GanSpec;
import org.emotionart.model.SessionConfig;
import org.emotionart.train.GanBenchmark;
import org.emotionart.train.Conditioning;
import org.emotionart.train.GanSettings;
import org.emotionart.train.MatMulPeak;
import org.emotionart.train.TrainingFlops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench train} and {@code bench generate}: the GAN's speed at the original widths on random data. */
final class BenchGanCommands {
    private BenchGanCommands() {
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Times GAN training steps (a D update on a real and a fake batch, then a G update, as the "
                    + "PyTorch baseline's step) on random data, or on a style's cached paintings with --data.",
                    "Last line: mode=train batch=.. img_per_s=.. ms_per_step=.."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--batch", defaultValue = "64", description = "Images per step (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--threads", defaultValue = "0", description = "TF threads, 0 = all cores (default).")
        int threads;
        @Option(names = "--precision", defaultValue = "fp32", converter = PrecisionConverter.class,
                description = "fp32 or bf16 (oneDNN auto mixed precision) (default: ${DEFAULT-VALUE}).")
        SessionConfig.Precision precision;
        @Option(names = "--g-width", defaultValue = "64", description = "Generator width (default: original ${DEFAULT-VALUE}).")
        int gWidth;
        @Option(names = "--d-width", defaultValue = "64", description = "Discriminator width (default: original ${DEFAULT-VALUE}).")
        int dWidth;
        @Option(names = "--g-upsample", defaultValue = "deconv", paramLabel = "HOW",
                description = "deconv (the original's, default) or resize, as train-gan --g-upsample.")
        String gUpsample;
        @Option(names = "--g-cbn", description = "Class-conditional batch norm in the generator, as train-gan --g-cbn.")
        boolean gCbn;
        @Option(names = "--g-rgb-conv", description = "A full-resolution layer before the colours, as train-gan --g-rgb-conv.")
        boolean gRgbConv;
        @Option(names = "--d-minibatch-std", description = "The batch's spread as a channel of D's last maps, as "
                + "train-gan --d-minibatch-std.")
        boolean dMinibatchStd;
        @Option(names = "--diffaugment", description = "Time steps with DiffAugment, as train-gan --diffaugment.")
        boolean diffAugment;
        private Conditioning conditioning;

        @Option(names = "--conditioning", defaultValue = "concat", paramLabel = "KIND",
                description = "concat (the original's one-hot planes, default) or projection, as train-gan.")
        void conditioning(String word) {
            conditioning = Checks.conditioning(spec, word);
        }
        @Option(names = "--ema", defaultValue = "0", paramLabel = "DECAY",
                description = "Keep the generator's moving average, as train-gan --ema (default: none).")
        float ema;
        @Option(names = "--loss", defaultValue = "bce", paramLabel = "LOSS",
                description = "bce (default) or hinge, as train-gan --loss.")
        String loss;
        @Option(names = "--mode-seeking", defaultValue = "0", paramLabel = "LAMBDA",
                description = "The mode-seeking term's weight, as train-gan --mode-seeking (default: none).")
        float modeSeeking;
        @Option(names = "--r1", defaultValue = "0", paramLabel = "GAMMA",
                description = "The R1 penalty's weight, as train-gan --r1 (default: none).")
        float r1;
        @Option(names = "--data", paramLabel = "DIR",
                description = "Train on this WikiArt root's cached paintings of --style (default: random images).")
        Path data;
        @Option(names = "--style", paramLabel = "STYLE", description = "The style of --data.")
        String style;
        @Option(names = "--trace-ops", defaultValue = "0", paramLabel = "N",
                description = "After the timed steps, run " + TRACED_STEPS + " more under TensorFlow's full trace and "
                        + "print the N op types that took longest, with their share of the step (default: none).")
        int traceOps;

        /** Steps traced for --trace-ops (tracing slows them; their time is not in the timed steps). */
        static final int TRACED_STEPS = 3;

        @Override
        public Integer call() throws Exception {
            Checks.range(spec, "--batch", batch, 1, 1024);
            Checks.range(spec, "--trace-ops", traceOps, 0, 1000);
            Checks.range(spec, "--steps", steps, 1, 100000);
            if (!loss.equals(GanSettings.BCE) && !loss.equals(GanSettings.HINGE)) {
                throw Checks.usage(spec, "unknown --loss '" + loss + "': allowed bce, hinge");
            }
            Checks.modeSeeking(spec, modeSeeking);
            Checks.r1(spec, r1, conditioning, dMinibatchStd);
            if ((data == null) != (style == null)) {
                throw Checks.usage(spec, "--data and --style go together (the style's cached paintings)");
            }
            GanSpec ganSpec;
            try {
                ganSpec = new GanSpec(64, 100, gWidth, dWidth, GanSpec.Upsampling.of(gUpsample), gCbn, gRgbConv,
                            dMinibatchStd);
            } catch (IllegalArgumentException e) {
                throw Checks.usage(spec, e.getMessage());
            }
            ImageSet images = data == null ? null
                    : Datasets.assemble(data, data.resolve("labels.csv"), style, 64, null, false).images();
            var config = SessionConfig.create(Checks.tfThreads(spec, threads), precision);
            double peak = MatMulPeak.gflops(config, 2048, 5);
            GanBenchmark.Timing timing = GanBenchmark.timed(ganSpec, new GanSettings(batch, 2e-4f, 0.5f, 0.999f, 0,
                    diffAugment, ema, loss, 0f, 0, 0, modeSeeking, 0, r1), conditioning, images, warmup, steps,
                    traceOps > 0 ? TRACED_STEPS : 0, config);
            double[] ms = timing.ms();
            double imgPerS = batch * 1000.0 / Stats.median(ms);
            double meanImgPerS = batch * 1000.0 * ms.length / Arrays.stream(ms).sum();
            double gflops = imgPerS * TrainingFlops.perImage(ganSpec, conditioning) / 1e9;
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%.0f img/s (median step; %.0f img/s over all timed steps, what train-gan's "
                    + "steady rate compares with); convolutions %.1f GFLOP/s = %.1f%% of the FP32 peak measured now "
                    + "(a 2048x2048 TF MatMul: %.0f GFLOP/s)%n", imgPerS, meanImgPerS, gflops, 100 * gflops / peak, peak);
            if (traceOps > 0) {
                printOps(o, timing.ops(), traceOps, Stats.median(ms));
            }
            Map<String, Object> extra = new java.util.LinkedHashMap<>();
            extra.put("precision", precision.name().toLowerCase(Locale.ROOT));
            extra.put("g_width", gWidth);
            extra.put("d_width", dWidth);
            extra.put("g_upsample", ganSpec.upsampling().word());
            extra.put("g_cbn", gCbn);
            extra.put("g_rgb_conv", gRgbConv);
            extra.put("d_minibatch_std", dMinibatchStd);
            extra.put("diffaugment", diffAugment);
            extra.put("conditioning", conditioning.word());
            extra.put("ema", ema);
            extra.put("loss", loss);
            extra.put("mode_seeking", modeSeeking);
            extra.put("r1", r1);
            extra.put("data", data == null ? "random" : style);
            extra.put("img_per_s_mean", String.format(Locale.ROOT, "%.2f", meanImgPerS));
            extra.put("gflop_per_s", String.format(Locale.ROOT, "%.1f", gflops));
            extra.put("peak_gflop_per_s", String.format(Locale.ROOT, "%.0f", peak));
            extra.put("peak_pct", String.format(Locale.ROOT, "%.1f", 100 * gflops / peak));
            o.println(ResultLine.of("train", batch, ms, extra));
            o.flush();
            return 0;
        }

        /**
         * The op types that took longest per traced step, and the layers' share of all op time: convolutions
         * (forward and both gradients, whatever oneDNN named them) and matrix products, the form most of the
         * networks' convolutions take ({@code Layers}).
         */
        private static void printOps(PrintWriter o, java.util.List<GanBenchmark.OpTime> ops, int n, double stepMs) {
            double total = ops.stream().mapToDouble(GanBenchmark.OpTime::msPerStep).sum();
            double conv = ops.stream().filter(t -> t.type().contains("Conv2D") || t.type().contains("MatMul"))
                    .mapToDouble(GanBenchmark.OpTime::msPerStep).sum();
            o.printf(Locale.ROOT, "op types by time, over %d traced steps: %.1f ms of op time per step (a timed step: "
                    + "%.1f ms of wall time; ops on both cores overlap, and tracing adds its own); convolutions "
                    + "and matrix products %.1f%% of op time%n", TRACED_STEPS, total, stepMs, 100 * conv / total);
            for (GanBenchmark.OpTime t : ops.subList(0, Math.min(n, ops.size()))) {
                o.printf(Locale.ROOT, "  %-40s %8.2f ms  %5.1f%%  (%d ops)%n", t.type(), t.msPerStep(),
                        100 * t.msPerStep() / total, t.nodes());
            }
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Times generation from a SavedModel (serving_default: emotion + seed → uint8 images) "
                    + "of a randomly initialised generator at the original widths.",
                    "Last line: mode=generate batch=.. img_per_s=.. ms_per_step=.."})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--batch", defaultValue = "64", description = "Images per call (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "20", description = "Timed calls (default: ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--warmup", defaultValue = "3", description = "Untimed calls first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws Exception {
            Checks.range(spec, "--batch", batch, 1, 1024);
            Checks.range(spec, "--steps", steps, 1, 100000);
            double[] ms = GenerateBench.callMillis(GanSpec.original(), batch, warmup, steps);
            PrintWriter out = spec.commandLine().getOut();
            out.println(ResultLine.of("generate", batch, ms, Map.of("source", "savedmodel")));
            out.flush();
            return 0;
        }
    }
}
