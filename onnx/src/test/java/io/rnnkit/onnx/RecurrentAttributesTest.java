package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The attributes the conformance tests leave out (reverse and bidirectional directions, sequence_lens with rows of
 * different lengths, initial_h and initial_c, Y_c, hard-sigmoid gates), checked against ONNX Runtime running the
 * same single-node model.
 */
class RecurrentAttributesTest {

    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int FEATURES = 4;
    private static final int HIDDEN = 3;
    private static final long[] LENGTHS = {5, 2, 4};

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"LSTM,forward,Sigmoid", "LSTM,reverse,HardSigmoid", "LSTM,bidirectional,Sigmoid",
        "GRU,forward,HardSigmoid", "GRU,reverse,Sigmoid", "GRU,bidirectional,Sigmoid",
        "RNN,forward,Relu", "RNN,reverse,Tanh", "RNN,bidirectional,Tanh"})
    void matchesOnnxRuntime(String op, String direction, String firstActivation) throws Exception {
        int gates = switch (op) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
        int d = direction.equals("bidirectional") ? 2 : 1;
        Nd4j.getRandom().setSeed(7);
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put("X", Nd4j.rand(DataType.FLOAT, STEPS, BATCH, FEATURES).subi(0.5));
        inputs.put("sequence_lens", Nd4j.createFromArray(LENGTHS).castTo(DataType.INT));
        inputs.put("initial_h", Nd4j.rand(DataType.FLOAT, d, BATCH, HIDDEN).subi(0.5));
        boolean lstm = op.equals("LSTM");
        if (lstm) {
            inputs.put("initial_c", Nd4j.rand(DataType.FLOAT, d, BATCH, HIDDEN).subi(0.5));
        }
        Map<String, INDArray> weights = Map.of(
                "W", Nd4j.rand(DataType.FLOAT, d, gates * HIDDEN, FEATURES).subi(0.5),
                "R", Nd4j.rand(DataType.FLOAT, d, gates * HIDDEN, HIDDEN).subi(0.5),
                "B", Nd4j.rand(DataType.FLOAT, d, 2 * gates * HIDDEN).subi(0.5));
        List<String> activations = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            activations.add(firstActivation);
            activations.addAll(switch (op) {
                case "LSTM" -> List.of("Tanh", "Tanh");
                case "GRU" -> List.of("Tanh");
                default -> List.of();
            });
        }
        List<String> outputs = lstm ? List.of("Y", "Y_h", "Y_c") : List.of("Y", "Y_h");
        Path file = dir.resolve("node.onnx");
        Files.write(file, model(op, direction, activations, weights, lstm, outputs).toByteArray());

        Map<String, INDArray> ours = OnnxModel.load(file).run(inputs);
        Map<String, INDArray> reference = runInOnnxRuntime(file, inputs, outputs);
        for (String name : outputs) {
            assertThat(ours.get(name).shape()).as(name).containsExactly(reference.get(name).shape());
            double diff = ours.get(name).castTo(DataType.DOUBLE).sub(reference.get(name).castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertThat(diff).as(op + " " + direction + " " + name).isLessThan(1e-5);
        }
    }

    private static ModelProto model(String op, String direction, List<String> activations,
                                    Map<String, INDArray> weights, boolean lstm, List<String> outputs) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("node");
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName("rnn")
                .addAllInput(List.of("X", "W", "R", "B", "sequence_lens", "initial_h"))
                .addAttribute(OnnxGraphWriter.intAttr("hidden_size", HIDDEN))
                .addAttribute(OnnxGraphWriter.stringAttr("direction", direction))
                .addAttribute(OnnxGraphWriter.stringsAttr("activations", activations));
        if (lstm) {
            node.addInput("initial_c");
        }
        if (op.equals("GRU")) {
            node.addAttribute(OnnxGraphWriter.intAttr("linear_before_reset", 1));
        }
        outputs.forEach(node::addOutput);
        graph.addNode(node);
        weights.forEach((name, value) -> graph.addInitializer(OnnxTensors.toProto(name, value)));
        graph.addInput(info("X", TensorProto.DataType.FLOAT_VALUE));
        graph.addInput(info("sequence_lens", TensorProto.DataType.INT32_VALUE));
        graph.addInput(info("initial_h", TensorProto.DataType.FLOAT_VALUE));
        if (lstm) {
            graph.addInput(info("initial_c", TensorProto.DataType.FLOAT_VALUE));
        }
        outputs.forEach(name -> graph.addOutput(info(name, TensorProto.DataType.FLOAT_VALUE)));
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14)).setGraph(graph).build();
    }

    private static ValueInfoProto info(String name, int type) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type))).build();
    }

    private static Map<String, INDArray> runInOnnxRuntime(Path file, Map<String, INDArray> inputs, List<String> outputs)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new HashMap<>();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            for (Map.Entry<String, INDArray> e : inputs.entrySet()) {
                INDArray a = e.getValue().dup('c');
                feed.put(e.getKey(), a.dataType() == DataType.INT
                        ? OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(a.data().asInt()), a.shape())
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap(a.data().asFloat()), a.shape()));
            }
            Map<String, INDArray> out = new HashMap<>();
            try (OrtSession.Result result = session.run(feed)) {
                for (String name : outputs) {
                    OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
                    FloatBuffer buffer = t.getFloatBuffer();
                    float[] values = new float[buffer.remaining()];
                    buffer.get(values);
                    out.put(name, Nd4j.create(values, t.getInfo().getShape(), 'c'));
                }
            }
            return out;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }
}
