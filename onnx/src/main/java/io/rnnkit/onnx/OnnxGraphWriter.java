package io.rnnkit.onnx;

import java.util.List;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.ByteString;

/** Builds an ONNX graph node by node, naming each value, and wraps it in a model of opset {@link #OPSET}. */
final class OnnxGraphWriter {

    /** The ONNX opset exported models import. */
    static final int OPSET = 14;
    private static final int IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("rnnkit");
    private int counter;

    /** Adds an initializer and returns its name. */
    String constant(String hint, INDArray value) {
        String name = hint + "_" + counter++;
        graph.addInitializer(OnnxTensors.toProto(name, value));
        return name;
    }

    /** An int64 vector constant. */
    String longs(String hint, long... values) {
        return constant(hint, Nd4j.createFromArray(values));
    }

    /** Adds a node with one output and returns that output's name. */
    String node(String op, List<String> inputs, AttributeProto... attributes) {
        return node(op, inputs, List.of(), attributes);
    }

    /**
     * Adds a node whose first output gets a generated name, returned, and whose further outputs take the given
     * names (graph outputs, for instance).
     */
    String node(String op, List<String> inputs, List<String> moreOutputs, AttributeProto... attributes) {
        String output = op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs)
                .addOutput(output).addAllOutput(moreOutputs);
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return output;
    }

    /** Renames the last node's output to {@code name} (the graph output). */
    void renameLastOutput(String name) {
        int last = graph.getNodeCount() - 1;
        graph.setNode(last, graph.getNode(last).toBuilder().setOutput(0, name));
    }

    void input(String name, int elementType, String... dims) {
        graph.addInput(valueInfo(name, elementType, dims));
    }

    void output(String name, String... dims) {
        graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT_VALUE, dims));
    }

    ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("rnnkit")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto stringsAttr(String name, List<String> values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.STRINGS);
        values.forEach(v -> a.addStrings(ByteString.copyFromUtf8(v)));
        return a.build();
    }

    private static ValueInfoProto valueInfo(String name, int elementType, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(elementType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
