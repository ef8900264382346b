package io.rnnkit.models.layers.output;

import io.rnnkit.core.UserInputException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The target class and weight of each (example, step) row, row {@code b·T + t}, read from class-index
 * labels [B, 1, T] or one-hot labels [B, nOut, T] and an optional label mask [B, T]. Rows with weight 0
 * (masked) have target -1 unless the labels give one.
 */
record ClassTargets(int[] target, double[] weight) {

    /** Reads and checks labels and mask for an input of {@code batch} examples and {@code steps} steps. */
    static ClassTargets read(INDArray labels, INDArray mask, int batch, int steps, int classes, String layer) {
        double[] weight = weights(mask, batch, steps, layer);
        if (labels.rank() != 3 || labels.size(0) != batch || labels.size(2) != steps
                || (labels.size(1) != 1 && labels.size(1) != classes)) {
            throw new UserInputException(layer + " labels must be class indices [" + batch + ", 1, " + steps
                    + "] or one-hot [" + batch + ", " + classes + ", " + steps + "], got shape "
                    + Arrays.toString(labels.shape()));
        }
        INDArray contiguous = labels.ordering() == 'c' && !labels.isView() ? labels : labels.dup('c');
        int[] target = labels.size(1) == 1
                ? fromIndices(contiguous.data().asDouble(), weight, classes, steps, layer)
                : fromOneHot(oneHotReader(contiguous), weight, classes, steps, layer);
        return new ClassTargets(target, weight);
    }

    /** Per-row weights from a [B, T] mask; all ones without one. */
    static double[] weights(INDArray mask, int batch, int steps, String layer) {
        if (mask == null) {
            double[] ones = new double[batch * steps];
            Arrays.fill(ones, 1.0);
            return ones;
        }
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != steps) {
            throw new UserInputException(layer + " label mask must be [batch, time] = [" + batch + ", " + steps
                    + "], got shape " + Arrays.toString(mask.shape()));
        }
        return mask.dup('c').data().asDouble();
    }

    private static int[] fromIndices(double[] values, double[] weight, int classes, int steps, String layer) {
        int[] target = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            double v = values[r];
            if (weight[r] == 0.0 && (v < 0 || v >= classes)) {
                target[r] = -1;
            } else if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new UserInputException(layer + " labels: class index " + v + " at (example " + r / steps
                        + ", step " + r % steps + ") must be a whole number in [0, " + classes + ")");
            } else {
                target[r] = (int) v;
            }
        }
        return target;
    }

    /**
     * Reads one-hot labels in place, in their own type: float [B, 10000, T] labels are 28 MB per batch,
     * and copying them to doubles took a large share of a PTB-sized training step.
     */
    private static IntToDoubleFunction oneHotReader(INDArray labels) {
        if (labels.dataType() == DataType.FLOAT) {
            FloatBuffer values = labels.data().asNioFloat();
            return values::get;
        }
        double[] values = labels.data().asDouble();
        return i -> values[i];
    }

    private static int[] fromOneHot(IntToDoubleFunction values, double[] weight, int classes, int steps,
                                    String layer) {
        int rows = weight.length;
        int[] target = new int[rows];
        Arrays.fill(target, -1);
        int batch = rows / steps;
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < classes; c++) {
                int base = (b * classes + c) * steps;
                for (int t = 0; t < steps; t++) {
                    double v = values.applyAsDouble(base + t);
                    if (v == 0.0) {
                        continue;
                    }
                    int r = b * steps + t;
                    if (v != 1.0 || target[r] != -1) {
                        throw notOneHot(layer, b, t, "value " + v + " at class " + c);
                    }
                    target[r] = c;
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            if (target[r] == -1 && weight[r] != 0.0) {
                throw notOneHot(layer, r / steps, r % steps, "no class set");
            }
        }
        return target;
    }

    private static UserInputException notOneHot(String layer, int example, int step, String what) {
        return new UserInputException(layer + " labels must be one-hot (a single 1 per example and step), got "
                + what + " at (example " + example + ", step " + step
                + "); use class indices [batch, 1, time], or RnnOutputLayer for soft targets");
    }
}
