package io.rnnkit.keras;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Looks up a layer's Keras weight by role and checks its shape, with one-line errors naming the layer. */
final class Weights {

    private Weights() {
    }

    /** The weight with the given role as an array, which must have exactly {@code shape}. */
    static INDArray require(KerasLayerConfig l, Map<String, KerasWeight> byRole, String role, long... shape) {
        KerasWeight weight = byRole.get(role);
        if (weight == null) {
            throw l.refuse("has no weight " + role + " (it has " + byRole.keySet() + ")");
        }
        long[] actual = Arrays.stream(weight.shape()).asLongStream().toArray();
        if (!Arrays.equals(actual, shape)) {
            throw l.refuse("weight " + role + " has shape " + weight.shapeText() + ", expected "
                    + Arrays.toString(shape));
        }
        return weight.array();
    }
}
