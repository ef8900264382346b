package io.rnnkit.models.layers.output;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.KernelThreads;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The target class and weight of each (example, step) row, row {@code b·T + t}, read from class-index
 * labels [B, 1, T] or one-hot labels [B, nOut, T] and an optional label mask [B, T]. Rows with weight 0
 * (masked) have target -1 unless the labels give one. Public for held-out metrics that score probabilities
 * against the same labels the output layer trains on.
 *
 * @param target the class of each row, -1 for a masked row whose labels give none
 * @param weight the label-mask value of each row, 1 without a mask
 */
public record ClassTargets(int[] target, double[] weight) {

    /** Label values below which a scan runs serially: a split costs a few microseconds. */
    private static final long PARALLEL_MIN_VALUES = 1L << 18;

    /**
     * Reads and checks labels and mask for an input of {@code batch} examples and {@code steps} steps;
     * {@code layer} names the consumer in errors ({@link UserInputException}: not one-hot, a bad shape).
     *
     * @param labels class indices [batch, 1, steps] or one-hot labels [batch, classes, steps]
     * @param mask the label mask [batch, steps], or null for none
     * @param batch the number of examples
     * @param steps the number of time steps
     * @param classes the number of classes
     * @param layer what reads the labels, for error messages
     * @return the target and weight of every (example, step) row
     */
    public static ClassTargets read(INDArray labels, INDArray mask, int batch, int steps, int classes, String layer) {
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
                : fromOneHot(contiguous, weight, classes, steps, layer);
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
     * Targets from one-hot labels, read in place in their own type: float [B, 10000, T] labels are 28 MB per
     * batch, and copying them to doubles took a large share of a PTB-sized training step. Float labels are
     * scanned a vector at a time (a value at a time without the Vector API) for their nonzero entries, examples
     * split over the kernel pool.
     */
    private static int[] fromOneHot(INDArray labels, double[] weight, int classes, int steps, String layer) {
        int rows = weight.length;
        int[] target = new int[rows];
        Arrays.fill(target, -1);
        int batch = rows / steps;
        if (labels.dataType() == DataType.FLOAT) {
            ByteBuffer bytes = labels.data().asNio().order(ByteOrder.nativeOrder());
            long first = labels.offset();
            KernelThreads threads = KernelThreads.shared();
            long work = (long) rows * classes;
            if (threads.splits(work, PARALLEL_MIN_VALUES)) {
                threads.run(batch, b -> scanFloats(bytes, first, b, classes, steps, target, layer));
            } else {
                for (int b = 0; b < batch; b++) {
                    scanFloats(bytes, first, b, classes, steps, target, layer);
                }
            }
        } else {
            double[] values = labels.data().asDouble();
            for (int b = 0; b < batch; b++) {
                int base = b * classes * steps;
                for (int i = 0; i < classes * steps; i++) {
                    if (values[base + i] != 0.0) {
                        setTarget(target, b, i, values[base + i], classes, steps, layer);
                    }
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

    /** Finds the nonzero entries of example b's [classes, steps] block of float one-hot labels. */
    private static void scanFloats(ByteBuffer bytes, long first, int b, int classes, int steps, int[] target,
                                   String layer) {
        int block = classes * steps;
        long base = first + (long) b * block;
        int i = VectorApi.present()
                ? VectorRowLoops.scanNonZero(bytes, base, block, found -> setTarget(target, b, found,
                        bytes.getFloat((int) ((base + found) * Float.BYTES)), classes, steps, layer))
                : 0;
        for (; i < block; i++) {
            float value = bytes.getFloat((int) ((base + i) * Float.BYTES));
            if (value != 0f) {
                setTarget(target, b, i, value, classes, steps, layer);
            }
        }
    }

    /** Records that entry i (= class · steps + step) of example b's block is set to value. */
    private static void setTarget(int[] target, int b, int i, double value, int classes, int steps, String layer) {
        int c = i / steps;
        int t = i % steps;
        int r = b * steps + t;
        if (value != 1.0 || target[r] != -1) {
            throw notOneHot(layer, b, t, "value " + value + " at class " + c);
        }
        target[r] = c;
    }

    private static UserInputException notOneHot(String layer, int example, int step, String what) {
        return new UserInputException(layer + " labels must be one-hot (a single 1 per example and step), got "
                + what + " at (example " + example + ", step " + step
                + "); use class indices [batch, 1, time], or RnnOutputLayer for soft targets");
    }
}
