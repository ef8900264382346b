package io.rnnkit.models.layers.output;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link SoftmaxRows} for DOUBLE networks (gradient checks): plain loops, same math as the float kernel. */
final class DoubleSoftmaxRows extends SoftmaxRows {

    private final int classes;
    private final boolean direct;
    private final double[] row;
    private final double[] bias;
    private final double[] biasGrad;
    private INDArray logits;
    private DoublePointer pointer;
    private double[] copy;
    private double sum;

    DoubleSoftmaxRows(int classes, boolean direct) {
        this.classes = classes;
        this.direct = direct;
        this.row = new double[classes];
        this.bias = new double[classes];
        this.biasGrad = new double[classes];
    }

    @Override
    void begin(INDArray logits, INDArray bias) {
        this.logits = logits;
        System.arraycopy(bias.dup('c').data().asDouble(), 0, this.bias, 0, classes);
        if (direct) {
            RowMajorGemm.requireRowMajor(logits);
            pointer = RowMajorGemm.doubles(logits);
        } else {
            copy = logits.dup('c').data().asDouble();
        }
    }

    @Override
    void end() {
        if (!direct) {
            logits.assign(Nd4j.create(copy, logits.shape(), 'c'));
            copy = null;
        }
        pointer = null;
        logits = null;
    }

    @Override
    void probabilities(double[] weight) {
        for (int r = 0; r < weight.length; r++) {
            probabilities(r, weight[r]);
        }
    }

    @Override
    void crossEntropies(int[] target, double[] weight, double[] rowLoss) {
        for (int r = 0; r < weight.length; r++) {
            rowLoss[r] = weight[r] == 0.0 ? 0.0 : weight[r] * crossEntropy(r, target[r]);
        }
    }

    @Override
    double gradients(int[] target, double[] weight) {
        Arrays.fill(biasGrad, 0.0);
        double lossSum = 0.0;
        for (int r = 0; r < weight.length; r++) {
            lossSum += gradient(r, target[r], weight[r]);
        }
        return lossSum;
    }

    private void probabilities(int r, double weight) {
        exponentiate(r, -1);
        scale(weight / sum);
        store(r);
    }

    private double crossEntropy(int r, int target) {
        double shiftedTarget = exponentiate(r, target);
        return Math.log(sum) - shiftedTarget;
    }

    private double gradient(int r, int target, double weight) {
        if (weight == 0.0) {
            Arrays.fill(row, 0.0);
            store(r);
            return 0.0;
        }
        double shiftedTarget = exponentiate(r, target);
        scale(weight / sum);
        row[target] -= weight;
        for (int i = 0; i < classes; i++) {
            biasGrad[i] += row[i];
        }
        store(r);
        return weight * (Math.log(sum) - shiftedTarget);
    }

    @Override
    void writeBiasGradient(INDArray dst) {
        dst.assign(Nd4j.create(biasGrad, dst.shape(), 'c').castTo(dst.dataType()));
    }

    /** As {@link FloatSoftmaxRows}: row becomes exp(z + b - max); returns z[target] + b[target] - max. */
    private double exponentiate(int r, int target) {
        load(r);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < classes; i++) {
            row[i] += bias[i];
            max = Math.max(max, row[i]);
        }
        double shiftedTarget = target >= 0 ? row[target] - max : 0.0;
        double s = 0.0;
        for (int i = 0; i < classes; i++) {
            row[i] = Math.exp(row[i] - max);
            s += row[i];
        }
        sum = s;
        return shiftedTarget;
    }

    private void scale(double factor) {
        for (int i = 0; i < classes; i++) {
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

    private void store(int r) {
        if (direct) {
            pointer.position((long) r * classes).put(row, 0, classes);
        } else {
            System.arraycopy(row, 0, copy, r * classes, classes);
        }
    }
}
