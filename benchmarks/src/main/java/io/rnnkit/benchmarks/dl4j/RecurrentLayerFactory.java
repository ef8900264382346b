package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.CellType;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.Layer;

/** Builds one DL4J recurrent layer configuration for a cell type, or nothing if the framework lacks it. */
@FunctionalInterface
public interface RecurrentLayerFactory {

    /** A tanh recurrent layer of the given cell type, nIn inputs and nOut units. */
    Optional<Layer> create(CellType cell, int nIn, int nOut);

    /**
     * The network's first recurrent layer, which reads the data: no caller needs the gradient for its input (PyTorch's
     * peer does not compute it either), so a framework that can skip it does.
     */
    default Optional<Layer> createFirst(CellType cell, int nIn, int nOut) {
        return create(cell, nIn, nOut);
    }

    /** The per-step softmax cross-entropy output layer this framework trains with: DL4J's by default. */
    default Layer outputLayer(int nIn, int classes) {
        return new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(
                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).nIn(nIn).nOut(classes).build();
    }
}
