package io.rnnkit.models.layers;

import io.rnnkit.models.kernels.ReproducibleMath;

/**
 * The activation of the LSTM's and GRU's gates: the logistic sigmoid (the default, as in DL4J, PyTorch and
 * TensorFlow 2), or the hard sigmoid {@code max(0, min(1, 0.2·x + 0.5))} that Keras 1 used by default and
 * that ONNX's {@code HardSigmoid} gives with its default alpha and beta (DL4J's {@code HARDSIGMOID}).
 */
public enum GateActivation {
    /** The logistic sigmoid 1 / (1 + e^−x). */
    SIGMOID,
    /** Keras 1's and ONNX's hard sigmoid max(0, min(1, 0.2·x + 0.5)). */
    HARD_SIGMOID;

    /** The hard sigmoid's slope, and its derivative where it is not clipped. */
    static final double HARD_SLOPE = 0.2;
    private static final double HARD_OFFSET = 0.5;
    /** {@link #HARD_SLOPE} in float. */
    static final float HARD_SLOPE_F = 0.2f;
    private static final float HARD_OFFSET_F = 0.5f;

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
     * sigmoid (multiplied in that order), {@code upstream · 0.2} where the hard sigmoid is not clipped. The
     * Vector API form, {@link VectorGateLoops#chain}, rounds the same.
     */
    double chain(double upstream, double g) {
        if (this == SIGMOID) {
            return upstream * g * (1 - g);
        }
        return g > 0.0 && g < 1.0 ? upstream * HARD_SLOPE : 0.0;
    }

    /** {@link #applyInPlace(double[], int, int)} in float. */
    void applyInPlace(float[] a, int from, int to) {
        if (this == SIGMOID) {
            ReproducibleMath.sigmoidInPlace(a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            a[i] = Math.max(0.0f, Math.min(1.0f, HARD_SLOPE_F * a[i] + HARD_OFFSET_F));
        }
    }

    /** {@link #chain(double, double)} in float; {@link FloatGateLoops#chain} rounds the same. */
    float chain(float upstream, float g) {
        if (this == SIGMOID) {
            return upstream * g * (1 - g);
        }
        return g > 0.0f && g < 1.0f ? upstream * HARD_SLOPE_F : 0.0f;
    }
}
