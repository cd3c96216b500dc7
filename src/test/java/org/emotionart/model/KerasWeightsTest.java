package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emotionart.EmotionArtException;
import org.emotionart.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Keras HDF5 weights (src/test/resources/keras/, made by make_tiny_vgg16.py) into our VGG16. */
class KerasWeightsTest {
    @TempDir
    Path dir;

    @Test
    void readsKeras2FileAndBindsEveryLayerWithItsValues() {
        checkBinding(TinyModels.TINY_VGG, TinyModels.W4);
    }

    @Test
    void readsKeras1NamesAsInTheImageNetFile() {
        checkBinding(new ClassifierSpec(ClassifierSpec.VGG16, 32, 1, 8, 0.5f), TinyModels.W1_KERAS1);
    }

    @Test
    void weightNamesOfBothKerasGenerations() {
        assertEquals("_w", KerasWeights.suffix("block1_conv1/kernel:0"));
        assertEquals("_b", KerasWeights.suffix("block1_conv1/bias:0"));
        assertEquals("_w", KerasWeights.suffix("block5_conv3_W_1:0"));
        assertEquals("_b", KerasWeights.suffix("block5_conv3_b_1:0"));
        assertEquals("_w", KerasWeights.suffix("block5_conv3_W:0"));
        assertNull(KerasWeights.suffix("bn/moving_mean:0"));
    }

    /** Reads the file, assigns it to a fresh VGG16 of {@code spec}, and compares every variable with the formula. */
    private static void checkBinding(ClassifierSpec spec, String file) {
        KerasWeights keras = KerasWeights.read(TinyModels.keras(file));
        assertEquals(26, keras.weights().size(), keras.weights().keySet().toString());
        try (Graph g = new Graph()) {
            Layers layers = build(g, spec);
            try (Session s = new Session(g)) {
                s.initialize();
                keras.assignTo(layers, s);
                Map<String, Variable<TFloat32>> vars = layers.allVariables();
                assertEquals(26, vars.size());
                int number = 0;
                int cin = 3;
                int[][] blocks = ((Vgg16) spec.createBackbone()).blocks();
                for (int b = 0; b < blocks.length; b++) {
                    for (int c = 0; c < blocks[b].length; c++) {
                        number++;
                        String layer = Vgg16.layerName(b, c);
                        int cout = blocks[b][c];
                        float[] w = fetch(s, vars.get(layer + "_w"));
                        float[] bias = fetch(s, vars.get(layer + "_b"));
                        assertEquals(9L * cin * cout, w.length, layer);
                        assertEquals(cout, bias.length, layer);
                        for (int i = 0; i < w.length; i++) {
                            assertEquals(TinyModels.kernelValue(number, cin, cout, i), w[i], 0f, layer + " kernel " + i);
                        }
                        for (int j = 0; j < cout; j++) {
                            assertEquals(TinyModels.biasValue(number, j), bias[j], 0f, layer + " bias " + j);
                        }
                        cin = cout;
                    }
                }
                assertEquals(13, number);
            }
        }
    }

    @Test
    void aWiderNetworkIsAClearErrorNamingTheLayerAndBothShapes() {
        KerasWeights keras = KerasWeights.read(TinyModels.keras(TinyModels.W4));
        try (Graph g = new Graph()) {
            Layers layers = build(g, new ClassifierSpec(ClassifierSpec.VGG16, 32, 8, 8, 0.5f));
            try (Session s = new Session(g)) {
                s.initialize();
                var e = assertThrows(EmotionArtException.class, () -> keras.assignTo(layers, s));
                assertTrue(e.getMessage().contains("block1_conv1 kernel is [3, 3, 3, 4] but the network needs [3, 3, 3, 8]"),
                        e.getMessage());
                assertTrue(e.getMessage().startsWith(TinyModels.keras(TinyModels.W4) + " does not fit the network"),
                        e.getMessage());
            }
        }
    }

    @Test
    void weightsAreCheckedAgainstTheNetworkBeforeAnyGraphIsBuilt() {
        KerasWeights keras = KerasWeights.read(TinyModels.keras(TinyModels.W4));
        Vgg16 wider = (Vgg16) new ClassifierSpec(ClassifierSpec.VGG16, 32, 8, 8, 0.5f).createBackbone();
        var e = assertThrows(EmotionArtException.class, () -> keras.checkFits(wider));
        assertTrue(e.getMessage().contains("block1_conv1 kernel is [3, 3, 3, 4] but the network needs [3, 3, 3, 8]"),
                e.getMessage());
        keras.checkFits((Vgg16) new ClassifierSpec(ClassifierSpec.VGG16, 32, 4, 8, 0.5f).createBackbone());
    }

    @Test
    void missingAndNonHdf5FilesAreClearErrors() throws Exception {
        Path missing = dir.resolve("nope.h5");
        var e1 = assertThrows(EmotionArtException.class, () -> KerasWeights.read(missing));
        assertEquals("weights file not found: " + missing + " (expected Keras' " + KerasWeights.VGG16_NOTOP + ")",
                e1.getMessage());
        Path text = Files.writeString(dir.resolve("weights.h5"), "this is not HDF5\n".repeat(100));
        var e2 = assertThrows(EmotionArtException.class, () -> KerasWeights.read(text));
        assertTrue(e2.getMessage().startsWith(text + " is not a readable HDF5 weights file"), e2.getMessage());
        assertEquals(1, e2.getMessage().lines().count(), e2.getMessage());
    }

    private static Layers build(Graph g, ClassifierSpec spec) {
        Ops tf = Ops.create(g);
        Layers layers = new Layers(tf, 0);
        Backbone backbone = spec.createBackbone();
        Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, spec.imageSize(), spec.imageSize(), 3)));
        backbone.features(layers, backbone.preprocess(tf, x), Layers.Mode.INFERENCE);
        return layers;
    }

    private static float[] fetch(Session s, Variable<TFloat32> v) {
        try (Result r = s.runner().fetch(v).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] out = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(out);
            return out;
        }
    }
}
