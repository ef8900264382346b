package io.rnnkit.models.layers.output;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-wise softmax and cross-entropy over a logits matrix [rows, classes] without the bias, in place:
 * each row is added to the bias, exponentiated stably (max subtracted) and normalized in one pass
 * over a heap copy of the row. Not thread-safe: one instance per layer (a pass may use the kernel pool).
 */
abstract class SoftmaxRows {

    /** The kernel for the network's data type: Vector API lanes for FLOAT, plain loops for DOUBLE. */
    static SoftmaxRows create(DataType type, int classes, boolean nativeCpu) {
        return switch (type) {
            case FLOAT -> new FloatSoftmaxRows(classes, nativeCpu);
            case DOUBLE -> new DoubleSoftmaxRows(classes, nativeCpu);
            default -> throw new IllegalStateException("SoftmaxCrossEntropyOutput supports FLOAT and DOUBLE, got "
                    + type);
        };
    }

    /** Attaches to row-major logits [rows, classes] and the bias (nOut values); zeroes the bias gradient. */
    abstract void begin(INDArray logits, INDArray bias);

    /** Writes the rows back when the kernel works on a heap copy (non-CPU backends). */
    abstract void end();

    /** Replaces every row r by {@code weight[r] · softmax(z + b)}. */
    abstract void probabilities(double[] weight);

    /**
     * Sets {@code rowLoss[r]} to {@code weight[r] · -log softmax(z + b)[target[r]]} (0 where the weight is 0),
     * leaving the rows unchanged.
     */
    abstract void crossEntropies(int[] target, double[] weight, double[] rowLoss);

    /**
     * Replaces every row r by {@code weight[r] · (softmax(z + b) - onehot(target[r]))}, sums the rows into
     * the bias gradient and returns the summed {@code weight[r] · -log softmax(z + b)[target[r]]}, added in
     * row order; a weight of 0 zeroes its row.
     */
    abstract double gradients(int[] target, double[] weight);

    /** Copies the bias gradient (column sums of the gradient rows) into {@code dst}, the bias-shaped view. */
    abstract void writeBiasGradient(INDArray dst);
}
