package io.rnnkit.keras;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Comparisons of arrays for the tests. */
final class Transforms {

    private Transforms() {
    }

    /** max |a - b| / max(1, |b|) over all entries. */
    static double maxScaledDifference(INDArray a, INDArray b) {
        INDArray expected = b.castTo(DataType.DOUBLE);
        INDArray scale = org.nd4j.linalg.ops.transforms.Transforms.max(
                org.nd4j.linalg.ops.transforms.Transforms.abs(expected), 1.0);
        return a.castTo(DataType.DOUBLE).sub(expected).div(scale).amaxNumber().doubleValue();
    }

    static double maxAbsDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue();
    }
}
