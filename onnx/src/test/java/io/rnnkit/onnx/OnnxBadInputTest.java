package io.rnnkit.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Files rnnkit cannot import fail at load with one line naming the file and the node. */
class OnnxBadInputTest {

    @TempDir
    Path dir;

    @Test
    void truncatedFile() throws Exception {
        byte[] bytes = Files.readAllBytes(fixture());
        Path file = dir.resolve("truncated.onnx");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLine(file, file + ": not a readable ONNX model (truncated or corrupt)");
    }

    @Test
    void corruptFile() throws Exception {
        Path file = dir.resolve("corrupt.onnx");
        Files.write(file, "this is not protobuf at all, just text\n".repeat(20).getBytes());
        assertOneLine(file, file + ": not a");
    }

    @Test
    void unsupportedOperator() throws Exception {
        Path file = edited(m -> m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(
                lastIndex(m), m.getGraph().getNode(lastIndex(m)).toBuilder().setOpType("Erf"))).build());
        assertOneLine(file, file + ": node '/LogSoftmax' (Erf): operator Erf is not supported");
    }

    @Test
    void unsupportedAttributeValue() throws Exception {
        Path file = edited(m -> withLstmAttribute(m, AttributeProto.newBuilder().setName("direction")
                .setType(AttributeProto.AttributeType.STRING)
                .setS(org.nd4j.shade.protobuf.ByteString.copyFromUtf8("sideways")).build()));
        assertOneLine(file, "(LSTM): attribute direction must be forward, reverse or bidirectional, got 'sideways'");
    }

    @Test
    void shapeMismatch() throws Exception {
        Path file = edited(m -> {
            ModelProto.Builder b = m.toBuilder();
            int i = initializerIndex(m, "onnx::LSTM_195");
            b.getGraphBuilder().setInitializer(i, OnnxTensors.toProto("onnx::LSTM_195", Nd4j.zeros(1, 96, 9)));
            return b.build();
        });
        assertOneLine(file, "(LSTM): input R has shape [1, 96, 9], expected [1, 96, 24]");
    }

    @Test
    void missingInitializer() throws Exception {
        Path file = edited(m -> {
            ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().removeInitializer(initializerIndex(m, "onnx::LSTM_194"));
            return b.build();
        });
        assertOneLine(file, "(LSTM): input 'onnx::LSTM_194' is neither an initializer, a graph input nor an"
                + " earlier node's output (missing initializer?)");
    }

    private static void assertOneLine(Path file, String expected) {
        assertThatThrownBy(() -> OnnxModel.load(file))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    private Path edited(UnaryOperator<ModelProto> edit) throws IOException, URISyntaxException {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(fixture()));
        Path file = dir.resolve("edited.onnx");
        Files.write(file, edit.apply(model).toByteArray());
        return file;
    }

    private static ModelProto withLstmAttribute(ModelProto m, AttributeProto attribute) {
        ModelProto.Builder b = m.toBuilder();
        for (int i = 0; i < m.getGraph().getNodeCount(); i++) {
            NodeProto node = m.getGraph().getNode(i);
            if (node.getOpType().equals("LSTM")) {
                NodeProto.Builder nb = node.toBuilder();
                nb.addAttribute(attribute);
                b.getGraphBuilder().setNode(i, nb);
                break;
            }
        }
        return b.build();
    }

    private static int lastIndex(ModelProto m) {
        return m.getGraph().getNodeCount() - 1;
    }

    private static int initializerIndex(ModelProto m, String name) {
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            if (t.getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("fixture has no initializer " + name);
    }

    private Path fixture() throws URISyntaxException {
        return Path.of(getClass().getResource("/pytorch/char_lstm.onnx").toURI());
    }
}
