package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.CellType;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.Activation;

/** DL4J 1.0.0-M2.1's own recurrent layers: {@code LSTM} and {@code SimpleRnn}, no GRU. */
final class StockLayerFactory implements RecurrentLayerFactory {

    @Override
    public Optional<Layer> create(CellType cell, int nIn, int nOut) {
        return switch (cell) {
            case LSTM -> Optional.of(new LSTM.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH).build());
            case SIMPLE_RNN -> Optional.of(
                    new SimpleRnn.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH).build());
            case GRU -> Optional.empty();
        };
    }
}
