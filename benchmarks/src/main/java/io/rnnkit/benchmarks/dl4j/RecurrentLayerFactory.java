package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.CellType;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.Layer;

/** Builds one DL4J recurrent layer configuration for a cell type, or nothing if the framework lacks it. */
@FunctionalInterface
public interface RecurrentLayerFactory {

    /** A tanh recurrent layer of the given cell type, nIn inputs and nOut units. */
    Optional<Layer> create(CellType cell, int nIn, int nOut);
}
