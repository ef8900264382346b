package io.rnnkit.keras;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One array read from a Keras file: its HDF5 name (such as {@code lstm_1/kernel:0}), its shape and its
 * values in C order.
 */
record KerasWeight(String name, int[] shape, float[] values) {

    /** The weight's role without layer prefix and suffix: {@code kernel}, {@code bias}, or Keras 1's {@code W_i}. */
    String role(String layerName) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        String bare = colon >= 0 ? last.substring(0, colon) : last;
        return bare.startsWith(layerName + "_") ? bare.substring(layerName.length() + 1) : bare;
    }

    /** The values as a C-order array of this weight's shape. */
    INDArray array() {
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        return Nd4j.create(values, longShape, 'c');
    }

    String shapeText() {
        return Arrays.toString(shape);
    }
}
