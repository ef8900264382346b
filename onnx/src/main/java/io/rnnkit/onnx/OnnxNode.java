package io.rnnkit.onnx;

import java.util.List;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.NodeProto;

/** One node of an imported graph with its attributes, and errors that name the file and the node. */
final class OnnxNode {

    private final NodeProto proto;
    private final String file;

    OnnxNode(NodeProto proto, String file) {
        this.proto = proto;
        this.file = file;
    }

    String op() {
        return proto.getOpType();
    }

    String name() {
        return proto.getName().isEmpty() ? proto.getOutput(0) : proto.getName();
    }

    List<String> inputs() {
        return proto.getInputList();
    }

    List<String> outputs() {
        return proto.getOutputList();
    }

    /** The i-th input's name, or "" where the node leaves that optional input out. */
    String input(int i) {
        return i < proto.getInputCount() ? proto.getInput(i) : "";
    }

    /** The i-th output's name, or "" where the node does not produce it. */
    String output(int i) {
        return i < proto.getOutputCount() ? proto.getOutput(i) : "";
    }

    AttributeProto attribute(String name) {
        for (AttributeProto a : proto.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    long intAttr(String name, long fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getI();
    }

    float floatAttr(String name, float fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getF();
    }

    String stringAttr(String name, String fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    long[] intsAttr(String name) {
        AttributeProto a = attribute(name);
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    List<String> stringsAttr(String name) {
        AttributeProto a = attribute(name);
        return a == null ? List.of() : a.getStringsList().stream().map(s -> s.toStringUtf8()).toList();
    }

    List<Float> floatsAttr(String name) {
        AttributeProto a = attribute(name);
        return a == null ? List.of() : a.getFloatsList();
    }

    /** An error naming the file and this node: "FILE: node NAME (OP): what". */
    OnnxImportException error(String what) {
        return new OnnxImportException(file + ": node '" + name() + "' (" + op() + "): " + what);
    }
}
