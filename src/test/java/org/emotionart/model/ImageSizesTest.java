package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The GAN's networks at image sizes other than the original's 64 px. */
class ImageSizesTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64, 128})
    void generatorPaintsTheAskedSizeAndTheDiscriminatorJudgesIt(int size) {
        GanSpec spec = new GanSpec(size, 8, 4, 4);
        int n = 2;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 7);
            Operand<TFloat32> z = tf.random.randomStandardNormal(tf.constant(new int[] {n, spec.zDim()}), TFloat32.class);
            Operand<TFloat32> emotion = Generator.oneHot(tf, tf.constant(new int[] {0, 2}));
            Operand<TFloat32> images = new Generator(spec).forward(layers, z, emotion, Layers.Mode.TRAIN);
            Operand<TFloat32> logits = new Discriminator(spec).forward(layers, images, emotion);
            s.initialize();
            try (Result r = s.runner().fetch(images).fetch(logits).run()) {
                TFloat32 painted = (TFloat32) r.get(0);
                assertArrayEquals(new long[] {n, size, size, 3}, painted.shape().asArray());
                painted.scalars().forEach(v -> assertTrue(Math.abs(v.getFloat()) <= 1f, "tanh range"));
                assertArrayEquals(new long[] {n, 1}, r.get(1).shape().asArray());
            }
        }
    }

    @Test
    void sizesThatAreNotAPowerOfTwoFrom16To256AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GanSpec(48, 100, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new GanSpec(8, 100, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new GanSpec(512, 100, 4, 4));
    }
}
