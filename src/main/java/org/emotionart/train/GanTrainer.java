package org.emotionart.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.data.ImageSet;
import org.emotionart.model.GanSpec;
import org.emotionart.model.SeededNoise;
import org.emotionart.util.Json;
import org.emotionart.util.Permutations;
import org.emotionart.util.Progress;
import org.emotionart.viz.AnimatedGif;
import org.emotionart.viz.ImageGrid;
import org.emotionart.viz.Images;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * Trains one style's conditional GAN inside Java and keeps the run folder:
 * <pre>
 * RUN_DIR/config.json            what the run is (checked on --resume)
 * RUN_DIR/checkpoints/step-N/    the last few checkpoints (everything needed to continue)
 * RUN_DIR/samples/step-N.png     sample grids: one row per emotion, the same noise in every grid
 * RUN_DIR/loss.csv, loss.png     losses per step, and their curves
 * RUN_DIR/samples.gif            the sample grids over training
 * </pre>
 * Every random choice (initial weights, data order, noise) is a function of the seed and the step,
 * so a resumed run continues exactly as an uninterrupted one would.
 */
public final class GanTrainer {
    /** Columns of the sample grid: the noise of seeds 0..7 (as {@code generate --seed 0} uses). */
    public static final int SAMPLE_COLUMNS = 8;
    /** Steps left out of the printed steady rate (graph optimisation and warm-up of the first runs). */
    static final int WARMUP_STEPS = 20;

    /** The run's settings; on a --resume that starts the moving average, with the step it starts at. */
    private GanRunConfig config;
    private final ImageSet data;
    private final Path runDir;
    private final ConfigProto sessionConfig;
    private final PrintWriter log;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private QualityProbe probe;
    private int evalEvery;

    /** A trainer of {@code config} on {@code data} into {@code runDir}; its messages go to {@code log}, each flushed. */
    public GanTrainer(GanRunConfig config, ImageSet data, Path runDir, ConfigProto sessionConfig, PrintWriter log) {
        this.config = config;
        this.data = data;
        this.runDir = runDir;
        this.sessionConfig = sessionConfig;
        this.log = log;
        GanSpec spec = config.spec();
        if (data.size() != spec.imageSize()) {
            throw new EmotionArtException("the images are " + data.size() + " px but the network makes "
                    + spec.imageSize() + " px");
        }
        if (config.settings().batch() > data.count()) {
            throw new EmotionArtException("batch " + config.settings().batch() + " is larger than the data ("
                    + data.count() + " images of style '" + config.style() + "'): use --batch " + data.count()
                    + " or less");
        }
    }

    /**
     * Measures the generator every {@code every} steps (and at the last) with {@code probe}, into
     * RUN_DIR/quality.csv and quality.png ({@link QualityLog}).
     */
    public GanTrainer withQuality(QualityProbe probe, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("eval interval must be at least 1 step, got " + every);
        }
        this.probe = probe;
        this.evalEvery = every;
        return this;
    }

    public Checkpoints checkpoints() {
        return new Checkpoints(runDir.resolve("checkpoints"), config.keepCheckpoints());
    }

    /** Steps for {@code epochs} passes over {@code images} in batches of {@code batch}: ceil(epochs × images / batch). */
    public static long stepsFor(long epochs, int images, int batch) {
        return Math.max(1, (epochs * images + batch - 1) / batch);
    }

    /** Steps per pass over the data (the last partial batch is dropped, as a DataLoader with drop_last). */
    public static long stepsPerEpoch(int images, int batch) {
        return Math.max(1, images / batch);
    }

    /**
     * Trains from the latest checkpoint (when {@code resume}) or from scratch to {@code config.steps()}.
     * Returns the step reached (less than asked when interrupted by Ctrl-C, after saving a checkpoint).
     */
    public long train(boolean resume) throws IOException {
        Checkpoints checkpoints = checkpoints();
        Optional<Checkpoints.Checkpoint> last = checkpoints.toResume(runDir, resume, step -> "checkpoint at step " + step);
        boolean startsAverage = false;
        Path configFile = runDir.resolve("config.json");
        if (last.isPresent()) {
            GanRunConfig previous = Json.read(configFile, GanRunConfig.class);
            if (!previous.architectureSummary().equals(config.architectureSummary())) {
                throw new EmotionArtException(runDir + " holds a checkpoint of another architecture ("
                        + previous.architectureSummary() + "); this run asks for " + config.architectureSummary()
                        + ": use the same settings to resume, or another --out");
            }
            // a run counts as averaged once a checkpoint holds the average: one that started it on
            // --resume and saved nothing since (a crash, Ctrl-C) is still a run without one
            float before = previous.settings().averagedAt(last.get().step()) ? previous.settings().ema() : 0f;
            if (before > 0 && before != config.settings().ema()) {
                throw new EmotionArtException(runDir + " was trained with " + emaWords(before)
                        + "; this run asks for " + emaWords(config.settings().ema()) + ": resume with the same --ema, "
                        + "or use another --out");
            }
            if (before > 0) {
                config = config.withSettings(config.settings().withEmaFrom(previous.settings().emaFrom()));
            } else if (config.settings().ema() > 0) {
                // a run trained without an average starts one here, from the checkpoint's generator weights
                config = config.withSettings(config.settings().withEmaFrom(last.get().step()));
                startsAverage = true;
            }
        }
        Files.createDirectories(runDir.resolve("samples"));
        Json.writeFile(configFile, config);

        LossLog losses = LossLog.read(runDir.resolve("loss.csv"), last.map(Checkpoints.Checkpoint::step).orElse(0L));
        QualityLog quality = QualityLog.read(runDir.resolve(QualityLog.FILE),
                last.map(Checkpoints.Checkpoint::step).orElse(0L));
        long start = last.map(Checkpoints.Checkpoint::step).orElse(0L);
        long total = config.steps();
        int batch = config.settings().batch();
        Batches batches = new Batches(data, batch, config.settings().seed());

        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.set(true);
            try {
                saved.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        long step = start;
        try (Graph graph = new Graph(); TensorBoardLog board = TensorBoardLog.open(runDir)) {
            this.board = board;
            GanGraph net = new GanGraph(graph, config.spec(), config.settings(), config.conditioning());
            try (Session session = new Session(graph, org.emotionart.model.SessionConfig.forTraining(sessionConfig))) {
                if (last.isPresent() && startsAverage) {
                    session.initialize();
                    checkpoints.restore(session, graph, last.get(), name -> name.startsWith(GanSettings.EMA_PREFIX));
                    net.startAverages(session);
                    log.println("resumed from " + last.get().dir() + " (step " + start + " of " + total + "); the "
                            + "moving average of the generator's weights (--ema " + config.settings().ema()
                            + ") starts here, from its weights");
                    log.flush();
                } else if (last.isPresent()) {
                    checkpoints.restore(session, last.get());
                    log.println("resumed from " + last.get().dir() + " (step " + start + " of " + total + ")");
                    log.flush();
                } else {
                    session.initialize();
                }
                if (start == 0) {
                    writeSamples(session, net, 0);
                }
                long steadyFrom = Math.min(total, start + WARMUP_STEPS);
                long rateFrom = System.nanoTime();
                long rateStep = step;
                long steadyStart = 0;
                double r1Sum = 0;
                long r1Count = 0;
                try (ProgressBar bar = Progress.bar("train " + config.style(), (total - start) * batch, "img")) {
                    while (step < total && !stopRequested.get()) {
                        if (step == steadyFrom) {
                            steadyStart = System.nanoTime();
                        }
                        float[] l = runStep(session, net, batches, step);
                        step++;
                        losses.add(step, l[0], l[1], l[2], l[3]);
                        board.scalars(step, java.util.Map.of("loss/discriminator", (double) l[0],
                                "loss/generator", (double) l[1], "D/real", (double) l[2], "D/fake", (double) l[3]));
                        if (l.length > 4) {
                            r1Sum += l[4];
                            r1Count++;
                            board.scalars(step, java.util.Map.of("D/r1_gradient_norm", (double) l[4]));
                        }
                        bar.stepBy(batch);
                        bar.setExtraMessage(String.format(" step %d/%d D %.3f G %.3f", step, total, l[0], l[1]));
                        if (!Float.isFinite(l[0]) || !Float.isFinite(l[1])) {
                            throw new EmotionArtException("training diverged at step " + step + " (D loss " + l[0]
                                    + ", G loss " + l[1] + "); resume from the last checkpoint with a lower learning rate");
                        }
                        if (step % config.sampleEvery() == 0 || step == total) {
                            writeSamples(session, net, step);
                            double seconds = (System.nanoTime() - rateFrom) / 1e9;
                            board.scalars(step, java.util.Map.of(
                                    "rate/images_per_second", (step - rateStep) * batch / Math.max(1e-9, seconds),
                                    "learning_rate/generator",
                                    config.settings().learningRate() * config.settings().learningRateScale(step - 1),
                                    "learning_rate/discriminator", config.settings().discriminatorLearningRate()
                                            * config.settings().learningRateScale(step - 1)));
                            rateFrom = System.nanoTime();
                            rateStep = step;
                            board.flush();
                        }
                        if (probe != null && (step % evalEvery == 0 || step == total)) {
                            long t0 = System.nanoTime();
                            QualityProbe.Figures f = probe.measure(paint(session, net, probe.perEmotion(),
                                    probe.firstSeed()), config.spec().imageSize());
                            quality.add(step, f);
                            board.scalars(step, java.util.Map.of("quality/fd_ratio", f.fdRatio(), "quality/fd", f.fd(),
                                    "quality/precision", f.precision(), "quality/recall", f.recall(),
                                    "quality/adherence", f.adherence()));
                            quality.write(runDir.resolve(QualityLog.FILE));
                            quality.writeChart(runDir.resolve(QualityLog.CHART), config.style());
                            bar.pause();
                            log.printf(java.util.Locale.ROOT, "%nquality at step %d: FD ratio %.2f (FD %.3f, "
                                    + "real-vs-real %.3f), precision %.3f, recall %.3f, adherence %.1f%% (%.1f s)%n",
                                    step, f.fdRatio(), f.fd(), f.fdBaseline(), f.precision(), f.recall(),
                                    100 * f.adherence(), (System.nanoTime() - t0) / 1e9);
                            log.flush();
                            bar.resume();
                        }
                        if (step % config.checkpointEvery() == 0 || step == total || stopRequested.get()) {
                            // the log first: a kill between the two leaves it ahead of the checkpoint, and
                            // --resume drops the rows after the checkpoint's step; never the other way round
                            losses.write(runDir.resolve("loss.csv"));
                            board.flush();
                            if (r1Count > 0) {
                                bar.pause();
                                log.printf(java.util.Locale.ROOT, "%nR1 at step %d: mean |grad D(x)|^2 on real "
                                        + "paintings %.4g over the last %d steps (penalty %.4g)%n", step,
                                        r1Sum / r1Count, r1Count, config.settings().r1() / 2 * r1Sum / r1Count);
                                log.flush();
                                bar.resume();
                                r1Sum = 0;
                                r1Count = 0;
                            }
                            checkpoints.save(session, step, Json.write(new RunState(step, config.settings().seed())));
                        }
                    }
                }
                if (step > steadyFrom && steadyStart > 0) {
                    double seconds = (System.nanoTime() - steadyStart) / 1e9;
                    log.printf(java.util.Locale.ROOT, "steady rate: %.1f img/s over steps %d..%d (%.1f s, with sampling, "
                            + "checkpoints and measurements; the first %d steps left out)%n",
                            (step - steadyFrom) * batch / seconds, steadyFrom, step, seconds, WARMUP_STEPS);
                    log.flush();
                }
            }
        } finally {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for the checkpoint above
            }
        }
        if (stopRequested.get()) {
            log.println("interrupted at step " + step + "; checkpoint saved: continue with --resume");
            log.flush();
            return step;
        }
        losses.writeChart(runDir.resolve("loss.png"), config.style());
        writeGif();
        return step;
    }

    private static String emaWords(float ema) {
        return ema > 0 ? "--ema " + ema : "no --ema";
    }

    /** What a checkpoint needs besides the variables. The data order and noise derive from (seed, step). */
    public record RunState(long step, long seed) {
    }

    private float[] runStep(Session session, GanGraph net, Batches batches, long step) {
        return net.run(session, stepInputs(data, batches, config.settings(), config.spec().zDim(), step));
    }

    /** The real batch, its emotions and the noise of one step: a pure function of (data, seed, step). */
    static GanGraph.StepInputs stepInputs(ImageSet data, Batches batches, GanSettings settings, int zDim, long step) {
        int batch = settings.batch();
        int[] idx = batches.indices(step);
        int bytes = data.bytesPerImage();
        byte[] real = new byte[batch * bytes];
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(data.pixels(), idx[i] * bytes, real, i * bytes, bytes);
            labels[i] = data.emotions()[idx[i]].index();
        }
        float[] z = new float[batch * zDim];
        SplittableRandom rnd = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rnd.nextGaussian();
        }
        return new GanGraph.StepInputs(data.size(), real, labels, z, new long[] {settings.seed(), step});
    }

    /** {@code perEmotion} paintings of each emotion from seeds first.. (as {@code generate --seed}), by emotion index. */
    private byte[][] paint(Session session, GanGraph net, int perEmotion, long first) {
        int zDim = config.spec().zDim();
        int s = config.spec().imageSize();
        byte[][] out = new byte[Emotion.COUNT][];
        float[] z = new float[perEmotion * zDim];
        for (int i = 0; i < perEmotion; i++) {
            System.arraycopy(SeededNoise.normal(first + i, zDim), 0, z, i * zDim, zDim);
        }
        for (int e = 0; e < Emotion.COUNT; e++) {
            int[] labels = new int[perEmotion];
            java.util.Arrays.fill(labels, e);
            try (TFloat32 zT = TFloat32.tensorOf(Shape.of(perEmotion, zDim), DataBuffers.of(z, true, false));
                 TInt32 labelsT = TInt32.vectorOf(labels);
                 Result r = session.runner().feed(net.sampleZ, zT).feed(net.sampleLabels, labelsT).fetch(net.samples)
                         .run()) {
                out[e] = new byte[perEmotion * s * s * 3];
                ((TUint8) r.get(0)).asRawTensor().data().read(out[e]);
            }
        }
        return out;
    }

    /** The run's TensorBoard log while {@link #train} runs. */
    private TensorBoardLog board;

    private void writeSamples(Session session, GanGraph net, long step) throws IOException {
        int s = config.spec().imageSize();
        List<BufferedImage> tiles = new ArrayList<>();
        for (byte[] row : paint(session, net, SAMPLE_COLUMNS, 0)) {
            tiles.addAll(Images.allFromHwc(row, s));
        }
        BufferedImage grid = ImageGrid.grid(tiles, SAMPLE_COLUMNS, Emotion.labels(), config.style() + " - step " + step);
        byte[] png = Images.png(grid);
        org.emotionart.util.AtomicFiles.write(runDir.resolve("samples").resolve(String.format("step-%08d.png", step)), png);
        if (board != null) {
            board.image(step, "samples", png, grid.getWidth(), grid.getHeight());
        }
    }

    private void writeGif() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(runDir.resolve("samples"))) {
            files = s.filter(p -> p.getFileName().toString().matches("step-\\d{8}\\.png")).sorted().toList();
        }
        List<BufferedImage> frames = new ArrayList<>();
        for (Path f : files) {
            frames.add(ImageIO.read(f.toFile()));
        }
        if (!frames.isEmpty()) {
            AnimatedGif.write(runDir.resolve("samples.gif"), frames, 250);
        }
    }

    /** The data order: a fresh permutation per epoch, a pure function of (seed, epoch). */
    static final class Batches {
        private final int count;
        private final int batch;
        private final long seed;
        private long epoch = -1;
        private int[] order;

        Batches(ImageSet data, int batch, long seed) {
            this.count = data.count();
            this.batch = batch;
            this.seed = seed;
        }

        int[] indices(long step) {
            long perEpoch = stepsPerEpoch(count, batch);
            long e = step / perEpoch;
            if (e != epoch) {
                order = Permutations.of(count, new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * (e + 1))));
                epoch = e;
            }
            int from = (int) (step % perEpoch) * batch;
            int[] idx = new int[batch];
            System.arraycopy(order, from, idx, 0, batch);
            return idx;
        }
    }
}
