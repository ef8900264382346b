package io.rnnkit.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * An imported ONNX model: its recurrent nodes ({@code LSTM}, {@code GRU}, {@code RNN}) run on rnnkit's fused
 * layers, the glue around them on ND4J. Loading checks every node (supported operator and attributes, inputs that
 * exist) and folds the nodes whose inputs are all constant, so a bad file fails at {@link #load} with one line
 * naming the file and the node.
 */
public final class OnnxModel {

    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "RNN");

    private final String file;
    private final Map<String, INDArray> constants = new HashMap<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<OnnxNode, RecurrentOperator> recurrent = new HashMap<>();
    private final List<String> inputNames = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();

    private OnnxModel(ModelProto model, String file) {
        this.file = file;
        GraphProto graph = model.getGraph();
        if (graph.getNodeCount() == 0) {
            throw new OnnxImportException(file + ": the ONNX graph has no nodes (truncated or not an ONNX model?)");
        }
        for (TensorProto t : graph.getInitializerList()) {
            try {
                constants.put(t.getName(), OnnxTensors.toArray(t));
            } catch (RuntimeException e) {
                throw new OnnxImportException(file + ": initializer '" + t.getName() + "': " + e.getMessage(), e);
            }
        }
        for (ValueInfoProto in : graph.getInputList()) {
            if (!constants.containsKey(in.getName())) {
                inputNames.add(in.getName());
            }
        }
        graph.getOutputList().forEach(o -> outputNames.add(o.getName()));
        Set<String> known = new java.util.HashSet<>(constants.keySet());
        known.addAll(inputNames);
        for (NodeProto proto : graph.getNodeList()) {
            OnnxNode node = new OnnxNode(proto, file);
            check(node, known);
            known.addAll(node.outputs());
            if (!fold(node)) {
                nodes.add(node);
            }
        }
        for (String out : outputNames) {
            if (!known.contains(out)) {
                throw new OnnxImportException(file + ": graph output '" + out + "' is produced by no node");
            }
        }
    }

    /** Reads and checks an ONNX file; throws {@link OnnxImportException} naming the file (and node) if it cannot. */
    public static OnnxModel load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new OnnxImportException(path + ": cannot read the file: " + e.getMessage(), e);
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException(path + ": not a readable ONNX model (truncated or corrupt): " + e.getMessage(), e);
        }
        if (!model.hasGraph()) {
            throw new OnnxImportException(path + ": not an ONNX model (no graph)");
        }
        return new OnnxModel(model, path.toString());
    }

    /** The graph inputs the caller feeds (initializers left out), in the file's order. */
    public List<String> inputNames() {
        return List.copyOf(inputNames);
    }

    /** The graph outputs, in the file's order. */
    public List<String> outputNames() {
        return List.copyOf(outputNames);
    }

    /** The recurrent nodes' rnnkit layers, in graph order (one per direction). */
    public List<io.rnnkit.models.layers.FusedRecurrentLayer> recurrentLayers() {
        List<io.rnnkit.models.layers.FusedRecurrentLayer> layers = new ArrayList<>();
        for (OnnxNode node : nodes) {
            if (recurrent.containsKey(node)) {
                layers.addAll(recurrent.get(node).layers());
            }
        }
        return layers;
    }

    /** The file this model was read from, as given. */
    public String file() {
        return file;
    }

    /** The nodes left after folding, in graph order. */
    List<OnnxNode> nodes() {
        return nodes;
    }

    /** The constant (initializer or folded) named {@code name}, or null. */
    INDArray constant(String name) {
        return constants.get(name);
    }

    /** The recurrent operator of a recurrent node. */
    RecurrentOperator recurrent(OnnxNode node) {
        return recurrent.get(node);
    }

    /** Runs the graph on {@code inputs} (by graph input name) and returns every graph output by name. */
    public Map<String, INDArray> run(Map<String, INDArray> inputs) {
        Map<String, INDArray> values = new HashMap<>(constants);
        for (String name : inputNames) {
            INDArray value = inputs.get(name);
            if (value == null) {
                throw new OnnxImportException(file + ": graph input '" + name + "' was not given");
            }
            values.put(name, value);
        }
        for (OnnxNode node : nodes) {
            evaluate(node, values);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : outputNames) {
            out.put(name, values.get(name));
        }
        return out;
    }

    private void check(OnnxNode node, Set<String> known) {
        if (!RECURRENT.contains(node.op()) && !GlueOperators.SUPPORTED.contains(node.op())) {
            throw node.error("operator " + node.op() + " is not supported; rnnkit imports LSTM, GRU, RNN and "
                    + String.join(", ", new java.util.TreeSet<>(GlueOperators.SUPPORTED)));
        }
        for (String in : node.inputs()) {
            if (!in.isEmpty() && !known.contains(in)) {
                throw node.error("input '" + in + "' is neither an initializer, a graph input nor an earlier node's"
                        + " output (missing initializer?)");
            }
        }
        if (RECURRENT.contains(node.op())) {
            RecurrentOperator op = new RecurrentOperator(node);
            recurrent.put(node, op);
            INDArray w = constants.get(node.input(1));
            INDArray r = constants.get(node.input(2));
            if (w != null && r != null) {
                op.checkWeights(w, r, constants.get(node.input(3)), w.rank() == 3 ? w.size(2) : -1);
            }
        }
    }

    /** Evaluates a node whose inputs are all constant into the constants; false if it must run each time. */
    private boolean fold(OnnxNode node) {
        if (RECURRENT.contains(node.op())) {
            return false;
        }
        for (String in : node.inputs()) {
            if (!in.isEmpty() && !constants.containsKey(in)) {
                return false;
            }
        }
        evaluate(node, constants);
        return true;
    }

    private void evaluate(OnnxNode node, Map<String, INDArray> values) {
        INDArray[] in = new INDArray[node.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            String name = node.input(i);
            in[i] = name.isEmpty() ? null : values.get(name);
        }
        try {
            if (RECURRENT.contains(node.op())) {
                boolean wantC = node.op().equals("LSTM") && !node.output(2).isEmpty();
                INDArray[] out = recurrent.get(node).run(in[0], in[1], in[2], at(in, 3), at(in, 4), at(in, 5),
                        at(in, 6), wantC);
                for (int i = 0; i < node.outputs().size(); i++) {
                    if (!node.output(i).isEmpty()) {
                        values.put(node.output(i), out[i]);
                    }
                }
            } else {
                values.put(node.output(0), GlueOperators.apply(node, in));
            }
        } catch (OnnxImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw node.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static INDArray at(INDArray[] in, int i) {
        return i < in.length ? in[i] : null;
    }
}
