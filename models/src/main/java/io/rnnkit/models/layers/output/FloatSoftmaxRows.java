package io.rnnkit.models.layers.output;

import io.rnnkit.models.VectorApi;
import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.kernels.ReproducibleMath;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SoftmaxRows} for FLOAT networks: {@link ReproducibleMath#expShiftedInPlace} over each row, in
 * Vector API lanes ({@link VectorRowLoops}) when the JVM has them, one value at a time otherwise. Rows go
 * in fixed parts of {@value #ROWS_PER_PART} over the kernel pool; each part sums its own bias gradient, and
 * the parts' sums are added in part order, so the result does not depend on the number of threads.
 */
final class FloatSoftmaxRows extends SoftmaxRows {

    private static final boolean VECTOR = VectorApi.present();
    private static final int ROWS_PER_PART = 64;
    /** Row values below which a pass runs on the calling thread: a split costs a few microseconds. */
    private static final long PARALLEL_MIN_VALUES = 1L << 15;

    private final int classes;
    private final boolean direct;
    private final float[] bias;
    private final float[] biasGrad;
    private Part[] parts = new Part[0];
    private INDArray logits;
    private FloatPointer base;
    private float[] copy;

    FloatSoftmaxRows(int classes, boolean direct) {
        this.classes = classes;
        this.direct = direct;
        this.bias = new float[classes];
        this.biasGrad = new float[classes];
    }

    @Override
    void begin(INDArray logits, INDArray bias) {
        this.logits = logits;
        System.arraycopy(bias.dup('c').data().asFloat(), 0, this.bias, 0, classes);
        if (direct) {
            RowMajorGemm.requireRowMajor(logits);
            base = RowMajorGemm.floats(logits);
        } else {
            copy = logits.dup('c').data().asFloat();
        }
    }

    @Override
    void end() {
        if (!direct) {
            logits.assign(Nd4j.create(copy, logits.shape(), 'c'));
            copy = null;
        }
        base = null;
        logits = null;
    }

    @Override
    void probabilities(double[] weight) {
        inParts(weight.length, (part, r) -> {
            part.exponentiate(r, -1);
            part.scale((float) (weight[r] / part.sum));
            part.store(r);
        });
    }

    @Override
    void crossEntropies(int[] target, double[] weight, double[] rowLoss) {
        inParts(weight.length, (part, r) -> {
            if (weight[r] == 0.0) {
                rowLoss[r] = 0.0;
                return;
            }
            float shiftedTarget = part.exponentiate(r, target[r]);
            rowLoss[r] = weight[r] * (Math.log(part.sum) - shiftedTarget);
        });
    }

    @Override
    double gradients(int[] target, double[] weight) {
        double[] rowLoss = new double[weight.length];
        int used = inParts(weight.length, (part, r) -> rowLoss[r] = part.gradient(r, target[r], weight[r]));
        Arrays.fill(biasGrad, 0f);
        for (int p = 0; p < used; p++) {
            add(parts[p].biasGrad, biasGrad);
        }
        double lossSum = 0.0;
        for (double loss : rowLoss) {
            lossSum += loss;
        }
        return lossSum;
    }

    @Override
    void writeBiasGradient(INDArray dst) {
        dst.assign(Nd4j.create(biasGrad, dst.shape(), 'c').castTo(dst.dataType()));
    }

    /** What a pass does to one row, with the part's buffers. */
    private interface RowStep {
        void apply(Part part, int row);
    }

    /** Runs the step on every row, part by part, over the pool when the pass is large; returns the parts used. */
    private int inParts(int rows, RowStep step) {
        int count = (rows + ROWS_PER_PART - 1) / ROWS_PER_PART;
        ensureParts(count);
        KernelThreads threads = KernelThreads.shared();
        if (threads.splits((long) rows * classes, PARALLEL_MIN_VALUES)) {
            threads.run(count, p -> runPart(p, rows, step));
        } else {
            for (int p = 0; p < count; p++) {
                runPart(p, rows, step);
            }
        }
        return count;
    }

    private void runPart(int p, int rows, RowStep step) {
        Part part = parts[p];
        part.attach();
        for (int r = p * ROWS_PER_PART; r < Math.min(rows, (p + 1) * ROWS_PER_PART); r++) {
            step.apply(part, r);
        }
    }

    private void ensureParts(int count) {
        if (parts.length < count) {
            Part[] grown = Arrays.copyOf(parts, count);
            for (int p = parts.length; p < count; p++) {
                grown[p] = new Part();
            }
            parts = grown;
        }
    }

    private void add(float[] src, float[] dst) {
        int i = VECTOR ? VectorRowLoops.add(src, dst, classes) : 0;
        for (; i < classes; i++) {
            dst[i] += src[i];
        }
    }

    /** One part's working state: its row buffer, its bias-gradient sum and its own cursor into the logits. */
    private final class Part {
        final float[] row = new float[classes];
        final float[] biasGrad = new float[classes];
        FloatPointer pointer;
        float sum;

        void attach() {
            Arrays.fill(biasGrad, 0f);
            pointer = direct ? new FloatPointer(base) : null;
        }

        /**
         * Replaces row r by {@code weight · (softmax(z + b) - onehot(target))}, adds it to this part's bias
         * gradient and returns {@code weight · -log softmax(z + b)[target]}; a weight of 0 zeroes the row.
         */
        double gradient(int r, int target, double weight) {
            if (weight == 0.0) {
                Arrays.fill(row, 0f);
                store(r);
                return 0.0;
            }
            float shiftedTarget = exponentiate(r, target);
            float w = (float) weight;
            scale(w / sum);
            row[target] -= w;
            add(row, biasGrad);
            store(r);
            return weight * (Math.log(sum) - shiftedTarget);
        }

        /**
         * Loads row r plus the bias, leaves exp(z - max) in it, sets {@link #sum} to the row's sum and
         * returns z[target] - max, the target's log-numerator (0 when target is negative).
         */
        float exponentiate(int r, int target) {
            load(r);
            float max = VECTOR ? VectorRowLoops.addBiasAndMax(row, bias, classes) : Float.NEGATIVE_INFINITY;
            int i = VECTOR ? VectorRowLoops.bound(classes) : 0;
            for (; i < classes; i++) {
                row[i] += bias[i];
                max = Math.max(max, row[i]);
            }
            float shiftedTarget = target >= 0 ? row[target] - max : 0f;
            sum = ReproducibleMath.expShiftedInPlace(row, classes, max);
            return shiftedTarget;
        }

        void scale(float factor) {
            int i = VECTOR ? VectorRowLoops.scale(row, factor, classes) : 0;
            for (; i < classes; i++) {
                row[i] *= factor;
            }
        }

        private void load(int r) {
            if (direct) {
                pointer.position((long) r * classes).get(row, 0, classes);
            } else {
                System.arraycopy(copy, r * classes, row, 0, classes);
            }
        }

        void store(int r) {
            if (direct) {
                pointer.position((long) r * classes).put(row, 0, classes);
            } else {
                System.arraycopy(row, 0, copy, r * classes, classes);
            }
        }
    }
}
