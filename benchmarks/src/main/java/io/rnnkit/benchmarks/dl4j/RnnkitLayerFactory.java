package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.CellType;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** rnnkit's fused layers from {@code io.rnnkit.models.layers}: SimpleRnn (tanh), Lstm and Gru, and its fused output layer. */
final class RnnkitLayerFactory implements RecurrentLayerFactory {

    @Override
    public Optional<Layer> create(CellType cell, int nIn, int nOut) {
        return Optional.of(layer(cell, nIn, nOut, true));
    }

    /** Without the gradient for its input, as {@code rnnkit train} builds a first layer reading data. */
    @Override
    public Optional<Layer> createFirst(CellType cell, int nIn, int nOut) {
        return Optional.of(layer(cell, nIn, nOut, false));
    }

    private static Layer layer(CellType cell, int nIn, int nOut, boolean inputGradient) {
        return switch (cell) {
            case SIMPLE_RNN -> new SimpleRnn.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH)
                    .inputGradient(inputGradient).build();
            case LSTM -> new Lstm.Builder().nIn(nIn).nOut(nOut).inputGradient(inputGradient).build();
            case GRU -> new Gru.Builder().nIn(nIn).nOut(nOut).inputGradient(inputGradient).build();
        };
    }

    /** rnnkit's fused softmax cross-entropy layer (same one-hot labels as DL4J's peer). */
    @Override
    public Layer outputLayer(int nIn, int classes) {
        return new SoftmaxCrossEntropyOutput.Builder().nIn(nIn).nOut(classes).build();
    }
}
