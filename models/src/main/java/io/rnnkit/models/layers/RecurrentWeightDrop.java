package io.rnnkit.models.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DropConnect on the recurrent weights (AWD-LSTM's weight drop): each training pass draws one mask over
 * RW's entries, runs every step with {@code RW ⊙ mask / keep}, and masks RW's gradient the same way, so
 * that a dropped weight gets no update from the pass. Inference uses RW as it is.
 */
final class RecurrentWeightDrop {

    private INDArray scale;
    private INDArray dropped;
    private boolean active;
    private boolean fixed;

    /** The recurrent weights this pass runs with: RW itself, or its dropped-out copy when training with keep < 1. */
    INDArray weightsFor(INDArray recurrentWeights, double keep, boolean training) {
        active = training && (keep < 1.0 || fixed);
        if (!active) {
            return recurrentWeights;
        }
        if (dropped == null || !Arrays.equals(dropped.shape(), recurrentWeights.shape())
                || dropped.dataType() != recurrentWeights.dataType()) {
            dropped = Nd4j.createUninitializedDetached(recurrentWeights.dataType(), 'f', recurrentWeights.shape());
            if (!fixed) {
                scale = Nd4j.createUninitializedDetached(recurrentWeights.dataType(), 'f', recurrentWeights.shape());
            }
        }
        if (!fixed) {
            Nd4j.getExecutioner().exec(new BernoulliDistribution(scale, keep));
            scale.divi(keep);
        }
        dropped.assign(recurrentWeights).muli(scale);
        return dropped;
    }

    /** Masks RW's gradient after a pass that dropped weights. */
    void maskGradient(INDArray recurrentWeightGradient) {
        if (active) {
            recurrentWeightGradient.muli(scale);
        }
    }

    /** Uses the given mask/keep values in every training pass from now on (gradient checks need one mask). */
    void fixScale(INDArray fixedScale) {
        this.scale = fixedScale;
        this.fixed = true;
        this.dropped = null;
    }
}
