package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ReproducibleMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The activation of the LSTM's and GRU's gates: the logistic sigmoid (the default, as in DL4J, PyTorch and
 * TensorFlow 2), or the hard sigmoid {@code max(0, min(1, 0.2·x + 0.5))} that Keras 1 used by default and
 * that ONNX's {@code HardSigmoid} gives with its default alpha and beta (DL4J's {@code HARDSIGMOID}).
 */
public enum GateActivation {
    SIGMOID,
    HARD_SIGMOID;

    private static final double HARD_SLOPE = 0.2;
    private static final double HARD_OFFSET = 0.5;

    /** Replaces the pre-activations {@code a[from, to)} by the gate values. */
    void applyInPlace(double[] a, int from, int to) {
        if (this == SIGMOID) {
            ReproducibleMath.sigmoidInPlace(a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = Math.max(0.0, Math.min(1.0, HARD_SLOPE * a[i] + HARD_OFFSET));
        }
    }

    /**
     * {@code upstream · g'(x)} for gate values {@code g = gate(x)}: {@code upstream · g · (1 − g)} for the
     * sigmoid (multiplied in that order), {@code upstream · 0.2} where the hard sigmoid is not clipped.
     */
    DoubleVector chain(DoubleVector upstream, DoubleVector g) {
        if (this == SIGMOID) {
            return upstream.mul(g).mul(DoubleVector.broadcast(GateMath.SPECIES, 1.0).sub(g));
        }
        VectorMask<Double> sloped = g.compare(VectorOperators.GT, 0.0).and(g.compare(VectorOperators.LT, 1.0));
        return upstream.mul(DoubleVector.zero(GateMath.SPECIES).blend(HARD_SLOPE, sloped));
    }

    /** The scalar form of {@link #chain(DoubleVector, DoubleVector)}, with the same rounding. */
    double chain(double upstream, double g) {
        if (this == SIGMOID) {
            return upstream * g * (1 - g);
        }
        return g > 0.0 && g < 1.0 ? upstream * HARD_SLOPE : 0.0;
    }
}
