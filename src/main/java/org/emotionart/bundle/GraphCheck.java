package org.emotionart.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.emotionart.util.Excerpt;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * What a bundle's graph may hold, checked before TensorFlow loads it. A SavedModel is a program:
 * loading one runs its restore op and any init op, and a graph can read and write files
 * ({@code WriteFile}, {@code ReadFile}, {@code MatchingFiles}, readers, datasets, summary writers,
 * {@code PrintV2} to a file...). emotion-art's bundles (export-gan, train-classifier, import-torch) are
 * plain tensor math with no init op and no functions, so anything else is refused:
 * <ul>
 * <li>every op is one of {@link #ALLOWED}: arithmetic, layers, image decoding and resizing, stateless
 * random numbers, loops, variables and the checkpoint ops of the saver;</li>
 * <li>no init op ({@code __saved_model_init_op}, {@code saved_model_main_op}, {@code legacy_init_op}),
 * no function library;</li>
 * <li>neither the restore op the loader runs nor any signature's output depends on the saver's
 * writing ops ({@code SaveV2}, {@code MergeV2Checkpoints}), which a bundle holds only for saving.</li>
 * </ul>
 */
public final class GraphCheck {
    /** The largest saved_model.pb read (emotion-art's are about 0.1 MB: the weights are in variables/). */
    public static final long MAX_GRAPH_BYTES = 64L << 20;

    /** Op types an emotion-art bundle may hold: pure tensor math and the saver's own ops. */
    static final Set<String> ALLOWED = Set.of(
            // arithmetic, comparisons, reductions
            "Abs", "Add", "AddN", "AddV2", "ArgMax", "ArgMin", "BatchMatMulV2", "BatchMatMulV3", "BitwiseAnd",
            "BitwiseOr", "BitwiseXor", "Cast", "Ceil", "ClipByValue", "Cos", "Cumsum", "Div", "DivNoNan", "Equal",
            "Erf", "Exp", "Floor", "FloorDiv", "FloorMod", "Greater", "GreaterEqual", "IsFinite", "IsNan",
            "LeftShift", "Less", "LessEqual", "Log", "Log1p", "LogicalAnd", "LogicalNot", "LogicalOr", "MatMul",
            "Max", "Maximum", "Mean", "Min", "Minimum", "Mod", "Mul", "Neg", "NotEqual", "Pow", "Prod", "Range",
            "RealDiv", "Reciprocal", "RightShift", "Round", "Rsqrt", "Select", "SelectV2", "Sigmoid", "Sign",
            "Sin", "Sqrt", "Square", "SquaredDifference", "Sub", "Sum", "Tanh",
            // layers
            "AvgPool", "BiasAdd", "Conv2D", "Conv2DBackpropInput", "DepthwiseConv2dNative", "Elu",
            "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3", "LeakyRelu", "LogSoftmax", "MaxPool",
            "MaxPoolV2", "Relu", "Relu6", "Selu", "Softmax", "Softplus",
            // shapes and arrays
            "BroadcastArgs", "BroadcastTo", "Concat", "ConcatV2", "Const", "DepthToSpace", "Einsum", "ExpandDims",
            "Fill", "Gather", "GatherNd", "GatherV2", "Identity", "IdentityN", "MirrorPad", "NoOp", "OneHot",
            "OnesLike", "Pack", "Pad", "PadV2", "Placeholder", "PlaceholderWithDefault", "PreventGradient", "Rank",
            "Reshape", "ReverseV2", "Shape", "ShapeN", "Size", "Slice", "SpaceToDepth", "Split", "SplitV",
            "Squeeze", "StopGradient", "StridedSlice", "Tile", "Transpose", "Unpack", "ZerosLike",
            // images
            "DecodeBmp", "DecodeGif", "DecodeImage", "DecodeJpeg", "DecodePng", "EncodePng", "ResizeArea",
            "ResizeBicubic", "ResizeBilinear", "ResizeNearestNeighbor", "ScaleAndTranslate",
            // random numbers (the serving graphs draw noise from per-image seeds)
            "RandomStandardNormal", "RandomUniform", "StatelessRandomNormal", "StatelessRandomNormalV2",
            "StatelessRandomUniform", "StatelessRandomUniformV2", "StatelessTruncatedNormal",
            // loops (the classifier decodes a batch of images one by one)
            "Enter", "Exit", "LoopCond", "Merge", "NextIteration", "Switch",
            // variables and the saver
            "Assign", "AssignVariableOp", "MergeV2Checkpoints", "ReadVariableOp", "RestoreV2", "SaveV2",
            "ShardedFilename", "StringJoin", "VarHandleOp", "VarIsInitializedOp", "VariableV2");

    /** The saver's ops that write files: present for saving, never run by loading or serving. */
    static final Set<String> WRITING = Set.of("SaveV2", "MergeV2Checkpoints");

    private static final Set<String> INIT_KEYS = Set.of("__saved_model_init_op", "saved_model_main_op",
            "legacy_init_op", "init_op");

    private GraphCheck() {
    }

    /**
     * Why the bundle in {@code versionDir} is not one emotion-art loads (empty when it is). Reads at
     * most {@link #MAX_GRAPH_BYTES} of its saved_model.pb.
     */
    public static Optional<String> problem(Path versionDir) {
        Path file = versionDir.resolve("saved_model.pb");
        SavedModel model;
        try {
            long size = Files.size(file);
            if (size > MAX_GRAPH_BYTES) {
                return Optional.of("its graph (saved_model.pb, " + size / (1 << 20) + " MB) is larger than any "
                        + "emotion-art bundle's (at most " + MAX_GRAPH_BYTES / (1 << 20) + " MB)");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_GRAPH_BYTES + 1); // a device or a growing file stops here
            }
            if (bytes.length > MAX_GRAPH_BYTES) {
                return Optional.of("its graph (saved_model.pb) is larger than any emotion-art bundle's (at most "
                        + MAX_GRAPH_BYTES / (1 << 20) + " MB)");
            }
            model = SavedModel.parseFrom(bytes);
        } catch (IOException e) {
            return Optional.of("its graph (saved_model.pb) cannot be read as a SavedModel: "
                    + (e.getMessage() == null ? "damaged" : e.getMessage().lines().findFirst().orElse("damaged")));
        }
        for (MetaGraphDef graph : model.getMetaGraphsList()) {
            Optional<String> p = problem(graph);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    static Optional<String> problem(MetaGraphDef graph) {
        Set<String> foreign = new TreeSet<>();
        Map<String, NodeDef> nodes = new HashMap<>();
        for (NodeDef n : graph.getGraphDef().getNodeList()) {
            nodes.put(n.getName(), n);
            if (!ALLOWED.contains(n.getOp())) {
                foreign.add(n.getOp());
            }
        }
        if (!foreign.isEmpty()) {
            return Optional.of("its graph has ops no emotion-art bundle has (" + limit(foreign) + ")");
        }
        if (graph.getGraphDef().getLibrary().getFunctionCount() > 0) {
            return Optional.of("its graph has functions, which no emotion-art bundle has");
        }
        for (String key : INIT_KEYS) {
            if (graph.getSignatureDefMap().containsKey(key) || graph.getCollectionDefMap().containsKey(key)) {
                return Optional.of("it has an init op (" + key + "), which no emotion-art bundle has");
            }
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.add(graph.getSaverDef().getRestoreOpName());
        for (SignatureDef s : graph.getSignatureDefMap().values()) {
            for (TensorInfo t : s.getOutputsMap().values()) {
                todo.add(t.getName());
            }
        }
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = nodeName(todo.pop());
            if (name.isEmpty() || !seen.add(name)) {
                continue;
            }
            NodeDef n = nodes.get(name);
            if (n == null) {
                continue; // TensorFlow's own loader says what is missing
            }
            if (WRITING.contains(n.getOp())) {
                return Optional.of("loading or serving it would run " + n.getOp() + " (" + name + "), which writes "
                        + "files");
            }
            todo.addAll(n.getInputList());
        }
        return Optional.empty();
    }

    /** "^name", "name:1" and "name" all name the node "name". */
    static String nodeName(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    /** The first five op names, each cut to 40 characters, control characters escaped. */
    private static String limit(Set<String> ops) {
        return ops.stream().limit(5).map(op -> Excerpt.of(op, 40)).collect(java.util.stream.Collectors.joining(", "))
                + (ops.size() > 5 ? ", … " + (ops.size() - 5) + " more" : "");
    }
}
