package io.rnnkit.models.layers.output;

import io.rnnkit.models.kernels.ReproducibleMath;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link SoftmaxRows} for FLOAT networks: {@link ReproducibleMath#expShiftedInPlace} over each row, in Vector API lanes. */
final class FloatSoftmaxRows extends SoftmaxRows {

    private static final VectorSpecies<Float> SPECIES = ReproducibleMath.FLOATS;

    private final int classes;
    private final int bound;
    private final boolean direct;
    private final float[] row;
    private final float[] bias;
    private final float[] biasGrad;
    private INDArray logits;
    private FloatPointer pointer;
    private float[] copy;
    private float sum;

    FloatSoftmaxRows(int classes, boolean direct) {
        this.classes = classes;
        this.bound = SPECIES.loopBound(classes);
        this.direct = direct;
        this.row = new float[classes];
        this.bias = new float[classes];
        this.biasGrad = new float[classes];
    }

    @Override
    void begin(INDArray logits, INDArray bias) {
        this.logits = logits;
        System.arraycopy(bias.dup('c').data().asFloat(), 0, this.bias, 0, classes);
        Arrays.fill(biasGrad, 0f);
        if (direct) {
            RowMajorGemm.requireRowMajor(logits);
            pointer = RowMajorGemm.floats(logits);
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
        pointer = null;
        logits = null;
    }

    @Override
    void probabilities(int r, double weight) {
        exponentiate(r, -1);
        scale((float) (weight / sum));
        store(r);
    }

    @Override
    double crossEntropy(int r, int target) {
        float shiftedTarget = exponentiate(r, target);
        return Math.log(sum) - shiftedTarget;
    }

    @Override
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
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, biasGrad, i).add(FloatVector.fromArray(SPECIES, row, i))
                    .intoArray(biasGrad, i);
        }
        for (; i < classes; i++) {
            biasGrad[i] += row[i];
        }
        store(r);
        return weight * (Math.log(sum) - shiftedTarget);
    }

    @Override
    void writeBiasGradient(INDArray dst) {
        dst.assign(Nd4j.create(biasGrad, dst.shape(), 'c').castTo(dst.dataType()));
    }

    /**
     * Loads row r plus the bias, leaves exp(z - max) in it, sets {@link #sum} to the row's sum and
     * returns z[target] - max, the target's log-numerator (0 when target is negative).
     */
    private float exponentiate(int r, int target) {
        load(r);
        FloatVector vmax = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector z = FloatVector.fromArray(SPECIES, row, i).add(FloatVector.fromArray(SPECIES, bias, i));
            z.intoArray(row, i);
            vmax = vmax.max(z);
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < classes; i++) {
            row[i] += bias[i];
            max = Math.max(max, row[i]);
        }
        float shiftedTarget = target >= 0 ? row[target] - max : 0f;
        sum = ReproducibleMath.expShiftedInPlace(row, classes, max);
        return shiftedTarget;
    }

    private void scale(float factor) {
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, row, i).mul(factor).intoArray(row, i);
        }
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

    private void store(int r) {
        if (direct) {
            pointer.position((long) r * classes).put(row, 0, classes);
        } else {
            System.arraycopy(row, 0, copy, r * classes, classes);
        }
    }
}
