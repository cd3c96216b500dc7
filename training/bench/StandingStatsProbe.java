import java.nio.file.*;
import java.util.*;
import org.emotionart.bundle.*;
import org.emotionart.export.GeneratorBundle;
import org.emotionart.model.*;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.*;

/**
 * Standing statistics (BigGAN's): a copy of a generator bundle whose batch norms' moving averages are
 * measured again on the bundle's own weights, from BATCHES batches of BATCH fresh paintings in training
 * mode (emotions in turn), instead of the running averages training left.
 *
 *   java -cp "target/emotion-art.jar:target/lib/*" training/bench/StandingStatsProbe.java BUNDLE_VERSION_DIR OUT_MODEL_DIR [BATCHES] [BATCH]
 */
public class StandingStatsProbe {
    public static void main(String[] args) throws Exception {
        Path version = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        BundleMetadata meta = org.emotionart.util.Json.read(version.resolve("assets.extra/emotion-art.json"), BundleMetadata.class);
        Map<String, Object> arch = meta.architecture();
        GanSpec spec = new GanSpec(meta.imageSize(), meta.zDim(), ((Number) arch.get("gWidth")).intValue(),
                ((Number) arch.get("dWidth")).intValue(),
                String.valueOf(arch.get("generatorUpsampling")).startsWith("nearest") ? GanSpec.Upsampling.RESIZE
                        : GanSpec.Upsampling.DECONV);
        System.out.println(spec);
        GeneratorBundle.export(spec, Layers.Mode.INFERENCE, (serving, session) -> {
            session.restore(version.resolve("variables/variables").toString());
            Layers layers = serving.layers();
            Ops tf = layers.tf();
            Placeholder<TFloat32> z = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.zDim())));
            Placeholder<TInt32> emo = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            int before = layers.updates().size();
            new Generator(spec).forward(layers, z, Generator.oneHot(tf, emo), Layers.Mode.TRAIN);
            List<org.tensorflow.op.Op> updates = layers.updates().subList(before, layers.updates().size());
            Map<String, org.tensorflow.op.core.Variable<TFloat32>> all = layers.allVariables();
            Random r = new Random(12345);
            print("before", session, all);
            for (int b = 0; b < batches; b++) {
                float[] zs = new float[batch * spec.zDim()];
                for (int i = 0; i < zs.length; i++) {
                    zs[i] = (float) r.nextGaussian();
                }
                int[] es = new int[batch];
                for (int i = 0; i < batch; i++) {
                    es[i] = (b * batch + i) % 3;
                }
                try (TFloat32 zt = TFloat32.tensorOf(Shape.of(batch, spec.zDim()), org.tensorflow.ndarray.buffer.DataBuffers.of(zs));
                     TInt32 et = TInt32.vectorOf(es)) {
                    Session.Runner run = session.runner().feed(z, zt).feed(emo, et);
                    for (org.tensorflow.op.Op u : updates) { run.addTarget(u); }
                    run.run().close();
                }
            }
            print("after", session, all);
        }, out, Optional.empty(), meta);
        System.out.println("wrote " + out);
    }

    static void print(String when, Session s, Map<String, org.tensorflow.op.core.Variable<TFloat32>> all) {
        for (var e : all.entrySet()) {
            if (e.getKey().endsWith("_mean") || e.getKey().endsWith("_var")) {
                try (Result r = s.runner().fetch(e.getValue()).run(); TFloat32 t = (TFloat32) r.get(0)) {
                    double sum = 0;
                    long n = t.shape().size(0);
                    for (long i = 0; i < n; i++) {
                        sum += t.getFloat(i);
                    }
                    System.out.printf("%s %s mean over channels %.4f%n", when, e.getKey(), sum / n);
                }
            }
        }
    }
}
