package org.emotionart.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.FileTrees;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.family.TType;

/**
 * Checkpoints of a run: {@code checkpoints/step-00001000/} holding TF's {@code ckpt.index} and
 * {@code ckpt.data-*} (every variable: weights, batch-norm statistics, Adam slots and beta powers)
 * and {@code state.json} (step and anything else the trainer needs to continue). Each is written into
 * a temporary folder that is renamed into place, so a kill -9 leaves either a whole checkpoint or none;
 * leftovers of an interrupted write are removed on the next save. The last {@code keep} are kept.
 */
public final class Checkpoints {
    private static final Pattern NAME = Pattern.compile("step-(\\d{8})");
    private final Path dir;
    private final int keep;

    public Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = Math.max(1, keep);
    }

    /** One saved checkpoint. */
    public record Checkpoint(long step, Path dir) {
        /** The prefix to give {@link Session#restore(String)}. */
        public String prefix() {
            return dir.resolve("ckpt").toString();
        }

        public Path state() {
            return dir.resolve("state.json");
        }
    }

    public List<Checkpoint> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                return m.matches() && Files.exists(p.resolve("state.json"))
                        ? new Checkpoint(Long.parseLong(m.group(1)), p) : null;
            }).filter(c -> c != null).sorted(Comparator.comparingLong(Checkpoint::step)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores {@code c} into {@code session}; a checkpoint TensorFlow cannot read (truncated, damaged)
     * is reported by name, with the one before it to fall back on.
     */
    public void restore(Session session, Checkpoint c) {
        try {
            session.restore(c.prefix());
        } catch (RuntimeException e) {
            throw unreadable(c, e);
        }
    }

    /**
     * Restores every variable of {@code graph} from {@code c} except those {@code skip} names (which keep
     * their values): for a graph with more variables than the run it continues, e.g. the moving averages
     * of a run that turns {@code --ema} on at {@code --resume}. Errors as {@link #restore(Session, Checkpoint)}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void restore(Session session, Graph graph, Checkpoint c, Predicate<String> skip) {
        List<GraphOperation> vars = new ArrayList<>();
        graph.operations().forEachRemaining(op -> {
            if (op.type().equals("VariableV2") && !skip.test(op.name())) {
                vars.add(op);
            }
        });
        Ops tf = Ops.create(graph);
        List<Class<? extends TType>> types = vars.stream().<Class<? extends TType>>map(v -> v.output(0).type()).toList();
        Restore read = tf.train.restore(tf.constant(c.prefix()),
                tf.constant(StandardCharsets.UTF_8, vars.stream().map(GraphOperation::name).toArray(String[]::new)),
                tf.constant(StandardCharsets.UTF_8, vars.stream().map(v -> "").toArray(String[]::new)), types);
        Session.Runner run = session.runner();
        for (int i = 0; i < vars.size(); i++) {
            run.addTarget(tf.assign((Operand) vars.get(i).output(0), (Operand) read.tensors().get(i)));
        }
        try {
            run.run().close();
        } catch (RuntimeException e) {
            throw unreadable(c, e);
        }
    }

    private org.emotionart.EmotionArtException unreadable(Checkpoint c, RuntimeException e) {
        List<Checkpoint> all = list();
        Optional<Checkpoint> before = all.stream().filter(o -> o.step() < c.step()).reduce((a, b) -> b);
        return new org.emotionart.EmotionArtException("checkpoint " + c.dir() + " cannot be read (truncated or "
                + "damaged: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("").trim() + ")"
                + before.map(b -> "; the one before it is " + b.dir().getFileName() + " (step " + b.step()
                + "): move " + c.dir().getFileName() + " out of " + dir + " to continue from there")
                .orElse("; there is no earlier checkpoint to continue from"), e);
    }

    public Optional<Checkpoint> latest() {
        List<Checkpoint> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The checkpoint a run in {@code runDir} continues from: the latest, if any. A folder that already
     * holds one is refused unless {@code resume}; {@code position} says where that run is (from the
     * checkpoint's step), e.g. "epoch 3".
     *
     * @throws org.emotionart.EmotionArtException if there is a checkpoint and {@code resume} is false
     */
    public Optional<Checkpoint> toResume(Path runDir, boolean resume, LongFunction<String> position) {
        Optional<Checkpoint> last = latest();
        if (last.isPresent() && !resume) {
            throw new org.emotionart.EmotionArtException(runDir + " already holds a run ("
                    + position.apply(last.get().step()) + "): pass --resume to continue it, or choose another --out");
        }
        return last;
    }

    /** Saves every variable of the session's graph and {@code stateJson} as the checkpoint of {@code step}. */
    public Checkpoint save(Session session, long step, String stateJson) throws IOException {
        Files.createDirectories(dir);
        removeLeftovers();
        Path target = dir.resolve(String.format("step-%08d", step));
        Path tmp = null;
        try {
            tmp = FileTrees.createHiddenFolder(dir, ".writing-");
            session.save(tmp.resolve("ckpt").toString());
            Files.writeString(tmp.resolve("state.json"), stateJson);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    FileTrees.delete(tmp); // nothing half-written is left behind
                } catch (IOException ignored) {
                    // the message below says what failed first
                }
            }
            String why = org.emotionart.util.IoErrors.diskFull(e) ? "the disk is full"
                    : e instanceof IOException io ? org.emotionart.util.IoErrors.describe(io)
                    : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new org.emotionart.EmotionArtException("cannot write the checkpoint of step " + step + " into " + dir
                    + ": " + why + (list().isEmpty() ? "" : "; the last checkpoint, " + latest().get().dir()
                    .getFileName() + ", is intact: free some space and --resume"), e);
        }
        if (Files.exists(target)) {
            FileTrees.delete(target);
        }
        AtomicFiles.moveAtomically(tmp, target);
        List<Checkpoint> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            FileTrees.delete(all.get(i).dir());
        }
        return new Checkpoint(step, target);
    }

    private void removeLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".writing-")).toList()) {
                FileTrees.delete(p);
            }
        }
    }
}
