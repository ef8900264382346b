package io.rnnkit.onnx;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.FusedRecurrentLayer;
import io.rnnkit.models.layers.FusedRecurrentParamInitializer;
import io.rnnkit.models.layers.GateActivation;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exports a {@link MultiLayerNetwork} of rnnkit layers to ONNX (opset 14): an optional embedding, rnnkit's
 * {@code Lstm}, {@code Gru} and {@code SimpleRnn} (alone, in a CONCAT {@code Bidirectional}, under
 * {@code LastTimeStep}), dense layers and the output layers rnnkit's tasks use.
 *
 * <p>The exported model takes what the network takes: token ids {@code tokens} int64 [batch, time] when the first
 * layer is an embedding, else {@code input} float [batch, features, time]; {@code output} is [batch, classes, time]
 * for per-step outputs and [batch, classes] after {@code LastTimeStep}. Sequences are full length (no masks).
 *
 * <p>{@link #exportStepping} exports the same graph with each recurrent layer's state as inputs and outputs, so a
 * caller can run one token at a time (see {@link OnnxSteppingModel}).
 */
public final class OnnxExporter {

    private final MultiLayerNetwork network;
    private final boolean stepping;
    private final List<OnnxSteppingModel.State> states = new ArrayList<>();
    private final OnnxGraphWriter graph = new OnnxGraphWriter();
    /** The current value's name, and whether it is a sequence [time, batch, features] (else [batch, features]). */
    private String value;
    private boolean sequence = true;

    private OnnxExporter(MultiLayerNetwork network, boolean stepping) {
        this.network = network;
        this.stepping = stepping;
    }

    /** The ONNX model of {@code network}; a one-line {@link UserInputException} names a layer it cannot export. */
    public static ModelProto export(MultiLayerNetwork network) {
        return new OnnxExporter(network, false).build();
    }

    /**
     * The ONNX model of {@code network} with its recurrent states as graph inputs and outputs, for running a chunk
     * (down to one token) at a time. State inputs are named {@code state_L_h} (and {@code state_L_c} for an LSTM),
     * L being the layer index, and the matching outputs {@code state_L_h_next}; a one-line
     * {@link UserInputException} names a layer it cannot export, such as a bidirectional one, which cannot step.
     */
    public static OnnxSteppingModel exportStepping(MultiLayerNetwork network) {
        OnnxExporter exporter = new OnnxExporter(network, true);
        ModelProto model = exporter.build();
        return new OnnxSteppingModel(model, exporter.states);
    }

    /** Exports {@code network} to {@code file}. */
    public static void write(MultiLayerNetwork network, Path file) throws IOException {
        Files.write(file, export(network).toByteArray());
    }

    private ModelProto build() {
        int n = network.getnLayers();
        for (int i = 0; i < n; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
            Layer layer = network.getLayer(i);
            if (i == 0) {
                input(conf);
            }
            if (conf instanceof EmbeddingSequenceLayer embedding) {
                embedding(embedding, layer, i);
            } else if (conf instanceof LastTimeStep last) {
                recurrent(last.getUnderlying(), layer, i);
                value = graph.node("Gather", List.of(value, graph.constant("last", Nd4j.scalar(-1L))),
                        OnnxGraphWriter.intAttr("axis", 0));
                sequence = false;
            } else if (conf instanceof FusedRecurrentLayer || conf instanceof Bidirectional) {
                recurrent(conf, layer, i);
            } else if (conf instanceof DenseLayer || conf instanceof OutputLayer || conf instanceof RnnOutputLayer
                    || conf instanceof SoftmaxCrossEntropyOutput) {
                dense((BaseLayer) conf, layer, i);
            } else {
                throw unsupported(i, conf, "layer type " + conf.getClass().getSimpleName());
            }
        }
        if (sequence) {
            value = graph.node("Transpose", List.of(value), OnnxGraphWriter.intsAttr("perm", 1, 2, 0));
        }
        graph.renameLastOutput("output");
        if (sequence) {
            graph.output("output", "batch", Long.toString(network.layerSize(n - 1)), "time");
        } else {
            graph.output("output", "batch", Long.toString(network.layerSize(n - 1)));
        }
        for (OnnxSteppingModel.State state : states) {
            graph.output(state.output(), "1", "batch", Integer.toString(state.size()));
        }
        return graph.model();
    }

    private void input(org.deeplearning4j.nn.conf.layers.Layer first) {
        if (first instanceof EmbeddingSequenceLayer) {
            graph.input("tokens", TensorProto.DataType.INT64_VALUE, "batch", "time");
            value = "tokens";
            return;
        }
        graph.input("input", TensorProto.DataType.FLOAT_VALUE, "batch", Long.toString(inputWidth(first)), "time");
        value = graph.node("Transpose", List.of("input"), OnnxGraphWriter.intsAttr("perm", 2, 0, 1));
    }

    /** The input width of the first layer, looking inside LastTimeStep and Bidirectional. */
    private static long inputWidth(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof LastTimeStep last) {
            return inputWidth(last.getUnderlying());
        }
        if (layer instanceof Bidirectional bi) {
            return inputWidth(bi.getFwd());
        }
        return ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNIn();
    }

    private void embedding(EmbeddingSequenceLayer conf, Layer layer, int index) {
        if (index != 0) {
            throw unsupported(index, conf, "an embedding that is not the first layer");
        }
        String ids = graph.node("Transpose", List.of(value), OnnxGraphWriter.intsAttr("perm", 1, 0));
        String table = graph.constant("embedding", layer.getParam(DefaultParamInitializer.WEIGHT_KEY));
        value = graph.node("Gather", List.of(table, ids), OnnxGraphWriter.intAttr("axis", 0));
        if (conf.hasBias()) {
            value = graph.node("Add", List.of(value, graph.constant("embedding_bias",
                    layer.getParam(DefaultParamInitializer.BIAS_KEY).reshape(-1))));
        }
        activation(conf.getActivationFn(), index, conf);
    }

    private void recurrent(org.deeplearning4j.nn.conf.layers.Layer conf, Layer layer, int index) {
        List<FusedRecurrentLayer> cells = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (conf instanceof Bidirectional bi) {
            if (stepping) {
                throw unsupported(index, conf, "a Bidirectional layer in a stepping export (its backward direction"
                        + " needs the whole sequence)");
            }
            if (bi.getMode() != Bidirectional.Mode.CONCAT) {
                throw unsupported(index, conf, "Bidirectional mode " + bi.getMode() + " (ONNX export takes CONCAT)");
            }
            cells.add(fused(bi.getFwd(), index));
            cells.add(fused(bi.getBwd(), index));
            prefixes.add(BidirectionalParamInitializer.FORWARD_PREFIX);
            prefixes.add(BidirectionalParamInitializer.BACKWARD_PREFIX);
        } else {
            cells.add(fused(conf, index));
            prefixes.add("");
        }
        FusedRecurrentLayer cell = cells.get(0);
        RecurrentOperator.Kind kind = kind(cell);
        int hidden = (int) cell.getNOut();
        INDArray[] w = new INDArray[cells.size()];
        INDArray[] r = new INDArray[cells.size()];
        INDArray[] b = new INDArray[cells.size()];
        List<String> activations = new ArrayList<>();
        for (int d = 0; d < cells.size(); d++) {
            String p = prefixes.get(d);
            INDArray rb = cell.hasRecurrentBias() ? layer.getParam(p + FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY)
                    : null;
            INDArray[] onnx = RecurrentOperator.toOnnx(kind, hidden,
                    layer.getParam(p + FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY),
                    layer.getParam(p + FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY),
                    layer.getParam(p + FusedRecurrentParamInitializer.BIAS_KEY), rb);
            w[d] = onnx[0];
            r[d] = onnx[1];
            b[d] = onnx[2];
            activations.addAll(activations(kind, cells.get(d)));
        }
        var attributes = new ArrayList<onnx.Onnx.AttributeProto>();
        attributes.add(OnnxGraphWriter.intAttr("hidden_size", hidden));
        attributes.add(OnnxGraphWriter.stringAttr("direction", cells.size() == 2 ? "bidirectional" : "forward"));
        attributes.add(OnnxGraphWriter.stringsAttr("activations", activations));
        if (kind == RecurrentOperator.Kind.GRU) {
            attributes.add(OnnxGraphWriter.intAttr("linear_before_reset", ((Gru) cell).isResetAfter() ? 1 : 0));
        }
        List<String> inputs = new ArrayList<>(List.of(value, graph.constant("W", Nd4j.stack(0, w)),
                graph.constant("R", Nd4j.stack(0, r)), graph.constant("B", Nd4j.stack(0, b))));
        List<String> stateOutputs = new ArrayList<>();
        if (stepping) {
            inputs.add(""); // sequence_lens: every sequence runs the whole chunk
            for (String part : kind == RecurrentOperator.Kind.LSTM ? List.of("h", "c") : List.of("h")) {
                OnnxSteppingModel.State state = new OnnxSteppingModel.State("state_" + index + "_" + part,
                        "state_" + index + "_" + part + "_next", hidden);
                graph.input(state.input(), TensorProto.DataType.FLOAT_VALUE, "1", "batch", Integer.toString(hidden));
                inputs.add(state.input());
                stateOutputs.add(state.output());
                states.add(state);
            }
        }
        String y = graph.node(kind.name(), inputs, stateOutputs, attributes.toArray(onnx.Onnx.AttributeProto[]::new));
        if (cells.size() == 1) {
            value = graph.node("Squeeze", List.of(y, graph.longs("axes", 1)));
        } else {
            String moved = graph.node("Transpose", List.of(y), OnnxGraphWriter.intsAttr("perm", 0, 2, 1, 3));
            value = graph.node("Reshape", List.of(moved, graph.longs("shape", 0, 0, -1)));
        }
    }

    private static List<String> activations(RecurrentOperator.Kind kind, FusedRecurrentLayer cell) {
        if (kind == RecurrentOperator.Kind.RNN) {
            return List.of(cell.getActivationFn() instanceof ActivationReLU ? "Relu" : "Tanh");
        }
        String gate = cell.getGateActivation() == GateActivation.HARD_SIGMOID ? "HardSigmoid" : "Sigmoid";
        return kind == RecurrentOperator.Kind.LSTM ? List.of(gate, "Tanh", "Tanh") : List.of(gate, "Tanh");
    }

    private static RecurrentOperator.Kind kind(FusedRecurrentLayer cell) {
        if (cell instanceof Lstm) {
            return RecurrentOperator.Kind.LSTM;
        }
        return cell instanceof Gru ? RecurrentOperator.Kind.GRU : RecurrentOperator.Kind.RNN;
    }

    private FusedRecurrentLayer fused(org.deeplearning4j.nn.conf.layers.Layer conf, int index) {
        if (conf instanceof FusedRecurrentLayer fused) {
            return fused;
        }
        throw unsupported(index, conf, "recurrent layer " + conf.getClass().getSimpleName()
                + " (ONNX export takes rnnkit's Lstm, Gru and SimpleRnn)");
    }

    private void dense(BaseLayer conf, Layer layer, int index) {
        INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
        String weights = graph.constant("dense_W", w);
        if (sequence) {
            String product = graph.node("MatMul", List.of(value, weights));
            value = b == null ? product : graph.node("Add", List.of(product, graph.constant("dense_b", b.reshape(-1))));
        } else {
            List<String> inputs = b == null ? List.of(value, weights)
                    : List.of(value, weights, graph.constant("dense_b", b.reshape(-1)));
            value = graph.node("Gemm", inputs);
        }
        activation(conf.getActivationFn(), index, conf);
    }

    private void activation(IActivation activation, int index, org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (activation == null || activation instanceof ActivationIdentity) {
            return;
        }
        if (activation instanceof ActivationSoftmax) {
            value = graph.node("Softmax", List.of(value), OnnxGraphWriter.intAttr("axis", -1));
        } else if (activation instanceof ActivationSigmoid) {
            value = graph.node("Sigmoid", List.of(value));
        } else if (activation instanceof ActivationTanH) {
            value = graph.node("Tanh", List.of(value));
        } else if (activation instanceof ActivationReLU) {
            value = graph.node("Relu", List.of(value));
        } else {
            throw unsupported(index, conf, "activation " + activation);
        }
    }

    private static UserInputException unsupported(int index, org.deeplearning4j.nn.conf.layers.Layer conf, String what) {
        return new UserInputException("export onnx: layer " + index + " (" + conf.getClass().getSimpleName()
                + "): " + what + " is not supported");
    }
}
