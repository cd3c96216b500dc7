package org.emotionart.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.data.ImageSet;
import org.emotionart.model.Layers;
import org.emotionart.util.Json;
import org.emotionart.util.Permutations;
import org.emotionart.util.Progress;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Trains the image → emotion classifier and keeps its run folder:
 * <pre>
 * RUN_DIR/config.json, split.json      the run and its stratified train/validation split
 * RUN_DIR/checkpoints/step-E/          the last epochs (to --resume)
 * RUN_DIR/best/step-E/                 the epoch with the lowest validation loss (what is exported)
 * RUN_DIR/epochs.csv, learning-curve.png
 * RUN_DIR/report.md, report.json, confusion-matrix.png   validation figures of the best epoch
 * RUN_DIR/feature-cache/               frozen backbone only: features of K augmented views per image
 * </pre>
 * This class is the loop: epochs of training steps, validation, checkpoints, and an early stop when
 * the validation loss has not improved for {@code patience} epochs. Its parts: the split
 * ({@link StratifiedSplit}); what the steps are fed ({@link ClassifierFeed}: pixels augmented in the
 * graph for a trainable backbone, or for a frozen one (VGG16) the {@link FeatureCache} of features of
 * K views per image, computed once); the epoch log ({@link EpochLog}); the report
 * ({@link ClassifierReport}).
 */
public final class ClassifierTrainer {
    private final ClassifierRunConfig config;
    private final ImageSet data;
    private final Path runDir;
    private final ConfigProto sessionConfig;
    private final PrintWriter log;
    private final BiConsumer<ClassifierGraph, Session> loadBackbone;

    /** Final figures of a run. */
    public record Outcome(int epochsRun, int bestEpoch, double bestValidationLoss, ConfusionMatrix validation,
                          Path bestCheckpoint) {
    }

    /**
     * {@code backboneWeights} gives a frozen backbone its weights after initialisation (e.g. from a
     * Keras file); it may be null for a trainable backbone. Messages go to {@code log}, each flushed.
     */
    public ClassifierTrainer(ClassifierRunConfig config, ImageSet data, Path runDir, ConfigProto sessionConfig,
                             PrintWriter log, BiConsumer<Layers, Session> backboneWeights) {
        this.config = config;
        this.data = data;
        this.runDir = runDir;
        this.sessionConfig = sessionConfig;
        this.log = log;
        this.loadBackbone = backboneWeights == null ? null : (g, s) -> backboneWeights.accept(g.backboneLayers, s);
        if (data.size() != config.spec().imageSize()) {
            throw new EmotionArtException("the images are " + data.size() + " px but the classifier takes "
                    + config.spec().imageSize() + " px");
        }
        if (config.spec().createBackbone().frozen() && backboneWeights == null) {
            throw new EmotionArtException("the " + config.spec().backbone() + " backbone is frozen and needs its "
                    + "weights (--weights FILE)");
        }
    }

    public Outcome train(boolean resume) throws IOException {
        Checkpoints checkpoints = new Checkpoints(runDir.resolve("checkpoints"), 2);
        Checkpoints best = new Checkpoints(runDir.resolve("best"), 1);
        Optional<Checkpoints.Checkpoint> last = checkpoints.toResume(runDir, resume, epoch -> "epoch " + epoch);
        if (last.isPresent()) {
            ClassifierRunConfig previous = Json.read(runDir.resolve("config.json"), ClassifierRunConfig.class);
            if (!previous.spec().equals(config.spec())) {
                throw new EmotionArtException(runDir + " holds a checkpoint of another classifier (" + previous.spec()
                        + "); this run asks for " + config.spec() + ": use the same settings, or another --out");
            }
        }
        Files.createDirectories(runDir);
        Json.writeFile(runDir.resolve("config.json"), config);
        StratifiedSplit split = StratifiedSplit.of(data.emotions(), config.validationFraction(), config.seed());
        int[] train = split.train();
        int[] val = split.validation();
        if (train.length < 2 || val.length < 1) {
            throw new EmotionArtException("too few images to train and validate: " + data.count() + " images give "
                    + train.length + " for training and " + val.length + " for validation");
        }
        float[] weights = split.classWeights(data.emotions());
        Json.writeFile(runDir.resolve("split.json"), split.describe(data.emotions(), weights, config.seed()));
        log.printf(Locale.ROOT, "%d images: %d train %s, %d validation %s; class weights %s%n", data.count(),
                train.length, Arrays.toString(StratifiedSplit.perEmotion(data.emotions(), train)), val.length,
                Arrays.toString(StratifiedSplit.perEmotion(data.emotions(), val)), Arrays.toString(weights));
        log.flush();

        EpochLog epochs = EpochLog.read(runDir, last.map(c -> (int) c.step()).orElse(0));
        RunState state = last.map(c -> Json.read(c.state(), RunState.class))
                .orElse(new RunState(0, 0, Double.POSITIVE_INFINITY, 0));
        try (Graph graph = new Graph(); TensorBoardLog board = TensorBoardLog.open(runDir)) {
            ClassifierGraph net = new ClassifierGraph(graph, config.spec(), weights, config.learningRate(), config.seed());
            try (Session session = new Session(graph, org.emotionart.model.SessionConfig.forTraining(sessionConfig))) {
                if (last.isPresent()) {
                    checkpoints.restore(session, last.get());
                    log.println("resumed after epoch " + state.epoch() + " (best so far: epoch " + state.bestEpoch() + ")");
                    log.flush();
                } else {
                    session.initialize();
                    if (loadBackbone != null) {
                        loadBackbone.accept(net, session);
                    }
                }
                ClassifierFeed feed = ClassifierFeed.of(session, net, config, data, split, runDir);
                int epoch = state.epoch();
                while (epoch < config.maxEpochs() && state.sinceBest() < config.patience()) {
                    epoch++;
                    double[] tr = trainEpoch(session, net, feed, train, epoch);
                    Evaluation ev = evaluate(session, net, feed, val);
                    epochs.add(epoch, tr[0], tr[1], ev.loss(), ev.matrix().accuracy());
                    boolean improved = ev.loss() < state.bestLoss() - 1e-4;
                    state = improved ? new RunState(epoch, epoch, ev.loss(), 0)
                            : new RunState(epoch, state.bestEpoch(), state.bestLoss(), state.sinceBest() + 1);
                    log.printf(Locale.ROOT, "epoch %d: train loss %.4f acc %.3f | validation loss %.4f acc %.3f%s%n",
                            epoch, tr[0], tr[1], ev.loss(), ev.matrix().accuracy(), improved ? " (best)" : "");
                    log.flush();
                    board.scalars(epoch, java.util.Map.of("loss/train", tr[0], "accuracy/train", tr[1],
                            "loss/validation", ev.loss(), "accuracy/validation", ev.matrix().accuracy(),
                            "learning_rate", (double) config.learningRate()));
                    if (improved) {
                        best.save(session, epoch, Json.write(state));
                    }
                    // the log first, as in train-gan: a kill between the two leaves it ahead of the checkpoint
                    epochs.write(runDir);
                    board.flush();
                    checkpoints.save(session, epoch, Json.write(state));
                }
                if (state.sinceBest() >= config.patience()) {
                    log.println("early stop: no better validation loss for " + config.patience() + " epochs");
                    log.flush();
                }
                Checkpoints.Checkpoint bestCkpt = best.latest().orElseThrow();
                session.restore(bestCkpt.prefix());
                Evaluation ev = evaluate(session, net, feed, val);
                ClassifierReport.write(runDir, config, state.bestEpoch(), ev.loss(), ev.matrix());
                return new Outcome(epoch, state.bestEpoch(), state.bestLoss(), ev.matrix(), bestCkpt.dir());
            }
        }
    }

    /** What a checkpoint needs besides the variables. */
    public record RunState(int epoch, int bestEpoch, double bestLoss, int sinceBest) {
    }

    private record Evaluation(double loss, ConfusionMatrix matrix) {
    }

    private double[] trainEpoch(Session session, ClassifierGraph net, ClassifierFeed feed, int[] train, int epoch) {
        int batch = Math.min(config.batch(), train.length);
        int[] order = Permutations.of(train.length, new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * epoch)));
        int steps = train.length / batch;
        double lossSum = 0;
        long right = 0;
        try (ProgressBar bar = Progress.bar("epoch " + epoch, (long) steps * batch, "img")) {
            for (int s = 0; s < steps; s++) {
                int[] idx = new int[batch];
                for (int i = 0; i < batch; i++) {
                    idx[i] = order[s * batch + i];
                }
                long stepSeed = (long) epoch * 1_000_003L + s;
                int[] labels = labelsOf(train, idx);
                float[] logits;
                float loss;
                try (TInt32 labelsT = TInt32.vectorOf(labels);
                     TInt64 seed = TInt64.vectorOf(config.seed(), stepSeed);
                     Tensor in = feed.trainBatch(idx, epoch);
                     Result r = session.runner().feed(feed.input(), in).feed(net.labels, labelsT).feed(net.seed, seed)
                             .addTarget(net.trainStep).fetch(net.trainLoss).fetch(net.trainLogits).run()) {
                    loss = ((TFloat32) r.get(0)).getFloat();
                    logits = floats((TFloat32) r.get(1));
                }
                if (!Float.isFinite(loss)) {
                    throw new EmotionArtException("training diverged at epoch " + epoch + " (loss " + loss
                            + "); lower --lr");
                }
                lossSum += loss;
                for (int i = 0; i < batch; i++) {
                    if (argmax(logits, i) == labels[i]) {
                        right++;
                    }
                }
                bar.stepBy(batch);
                bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", lossSum / (s + 1)));
            }
        }
        return new double[] {lossSum / steps, (double) right / ((long) steps * batch)};
    }

    private Evaluation evaluate(Session session, ClassifierGraph net, ClassifierFeed feed, int[] val) {
        ConfusionMatrix m = new ConfusionMatrix();
        double lossSum = 0;
        int batch = config.batch();
        for (int from = 0; from < val.length; from += batch) {
            int n = Math.min(batch, val.length - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = from + i;
            }
            int[] labels = labelsOf(val, idx);
            try (TInt32 labelsT = TInt32.vectorOf(labels);
                 Tensor in = feed.validationBatch(idx);
                 Result r = session.runner().feed(feed.input(), in).feed(net.labels, labelsT)
                         .fetch(feed.logits()).fetch(feed.loss()).run()) {
                float[] logits = floats((TFloat32) r.get(0));
                lossSum += ((TFloat32) r.get(1)).getFloat() * n;
                for (int i = 0; i < n; i++) {
                    m.add(labels[i], argmax(logits, i));
                }
            }
        }
        return new Evaluation(lossSum / val.length, m);
    }

    private int[] labelsOf(int[] subset, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = data.emotions()[subset[idx[i]]].index();
        }
        return out;
    }

    static float[] floats(TFloat32 t) {
        float[] out = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(out);
        return out;
    }

    static int argmax(float[] rows, int row) {
        int best = 0;
        for (int c = 1; c < Emotion.COUNT; c++) {
            if (rows[row * Emotion.COUNT + c] > rows[row * Emotion.COUNT + best]) {
                best = c;
            }
        }
        return best;
    }
}
