package io.rnnkit.onnx;

import java.util.List;
import onnx.Onnx.ModelProto;

/**
 * A network exported by {@link OnnxExporter#exportStepping} for running a chunk of tokens at a time (down to one
 * token): besides the input and {@code output} of {@link OnnxExporter#export}, the graph takes every recurrent
 * layer's state as inputs and returns the state after the chunk as outputs, which the caller feeds back in on the
 * next run. Zero states start a sequence.
 *
 * @param model the ONNX model
 * @param states one entry per state tensor, in graph order (LSTM layers have two: hidden, then cell)
 */
public record OnnxSteppingModel(ModelProto model, List<State> states) {

    /** Immutable copy. */
    public OnnxSteppingModel {
        states = List.copyOf(states);
    }

    /** The serialised model, for {@code OrtEnvironment.createSession(byte[])} or a file. */
    public byte[] toByteArray() {
        return model.toByteArray();
    }

    /**
     * One recurrent state tensor, float [1, batch, size] (ONNX's [num_directions, batch, hidden_size]).
     *
     * @param input the graph input that takes the state before the chunk
     * @param output the graph output that gives the state after the chunk
     * @param size the layer's hidden size
     */
    public record State(String input, String output, int size) {

        /** The shape of this state for a batch of {@code batch} sequences. */
        public long[] shape(int batch) {
            return new long[] {1, batch, size};
        }
    }
}
