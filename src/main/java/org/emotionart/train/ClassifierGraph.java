package org.emotionart.train;

import java.util.ArrayList;
import java.util.List;
import org.emotionart.Emotion;
import org.emotionart.model.Backbone;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.EmotionHead;
import org.emotionart.model.Layers;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The classifier's training graph. With a trainable backbone (compact) one step augments the batch
 * in the graph and updates backbone and head together. With a frozen backbone (VGG16) the backbone
 * only computes features (of plain or augmented images, for the feature cache) and the step updates
 * the head from fed features. Losses are softmax cross-entropy on one-hot labels (the sparse op has
 * no gradient in TF Java), weighted per class against imbalance.
 */
final class ClassifierGraph {
    final ClassifierSpec spec;
    final Backbone backbone;
    final Layers backboneLayers;
    final Layers headLayers;

    final Placeholder<TUint8> pixels;
    final Placeholder<TInt32> labels;
    final Placeholder<TInt64> seed;
    final Placeholder<TFloat32> features;

    /** One optimisation step; fetch {@link #trainLoss} with it. */
    final Op trainStep;
    final Operand<TFloat32> trainLoss;
    final Operand<TFloat32> trainLogits;
    /** Inference on pixels: logits and (class-weighted) loss. */
    final Operand<TFloat32> logits;
    final Operand<TFloat32> loss;
    /** Frozen backbone only: features of the plain and of the augmented images; head inference on features. */
    final Operand<TFloat32> plainFeatures;
    final Operand<TFloat32> augmentedFeatures;
    final Operand<TFloat32> featureLogits;
    final Operand<TFloat32> featureLoss;

    ClassifierGraph(Graph graph, ClassifierSpec spec, float[] classWeights, float learningRate, long initSeed) {
        this.spec = spec;
        Ops tf = Ops.create(graph);
        backbone = spec.createBackbone();
        EmotionHead head = spec.createHead(backbone);
        backboneLayers = new Layers(tf, initSeed);
        headLayers = new Layers(tf, initSeed + 1);
        int size = spec.imageSize();

        pixels = tf.withName("pixels").placeholder(TUint8.class);
        labels = tf.withName("labels").placeholder(TInt32.class);
        seed = tf.withName("seed").placeholder(TInt64.class);
        features = tf.withName("features").placeholder(TFloat32.class);
        Operand<TFloat32> rgb = tf.dtypes.cast(pixels, TFloat32.class);
        Operand<TFloat32> weights = tf.constant(classWeights);
        Operand<TInt64> dropoutSeed = tf.math.add(seed, tf.constant(new long[] {0, 1L << 40}));

        Operand<TFloat32> plain = backbone.features(backboneLayers, backbone.preprocess(tf, rgb), Layers.Mode.INFERENCE);
        logits = head.logits(headLayers, plain, null);
        loss = weightedLoss(tf, logits, labels, weights);

        Adam adam = new Adam(graph, "AdamC", learningRate, 0.9f, 0.999f, 1e-7f);
        if (backbone.frozen()) {
            plainFeatures = plain;
            augmentedFeatures = backbone.features(backboneLayers,
                    backbone.preprocess(tf, Augment.apply(tf, rgb, seed, size)), Layers.Mode.INFERENCE);
            featureLogits = head.logits(headLayers, features, null);
            featureLoss = weightedLoss(tf, featureLogits, labels, weights);
            trainLogits = head.logits(headLayers, features, dropoutSeed);
            trainLoss = weightedLoss(tf, trainLogits, labels, weights);
            trainStep = adam.applyGradients(Gradients.of(tf, trainLoss, headLayers.trainableVariables()), "train");
        } else {
            plainFeatures = null;
            augmentedFeatures = null;
            featureLogits = null;
            featureLoss = null;
            Operand<TFloat32> x = backbone.features(backboneLayers,
                    backbone.preprocess(tf, Augment.apply(tf, rgb, seed, size)), Layers.Mode.TRAIN);
            trainLogits = head.logits(headLayers, x, dropoutSeed);
            trainLoss = weightedLoss(tf, trainLogits, labels, weights);
            List<Variable<TFloat32>> vars = new ArrayList<>(backboneLayers.trainableVariables());
            vars.addAll(headLayers.trainableVariables());
            Op apply = adam.applyGradients(Gradients.of(tf, trainLoss, vars), "train");
            List<Op> ops = new ArrayList<>(backboneLayers.updates());
            ops.add(apply);
            trainStep = tf.withControlDependencies(ops).withName("train_step").noOp();
        }
    }

    /** mean over the batch of weight[label] × cross-entropy(softmax(logits), one-hot(label)). */
    static Operand<TFloat32> weightedLoss(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels,
                                          Operand<TFloat32> classWeights) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(Emotion.COUNT), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> ce = FrameworkOps.create(tf).nn.softmaxCrossEntropyWithLogits(oneHot, logits, -1);
        Operand<TFloat32> w = tf.gather(classWeights, labels, tf.constant(0));
        return tf.math.mean(tf.math.mul(w, ce), tf.constant(0));
    }
}
