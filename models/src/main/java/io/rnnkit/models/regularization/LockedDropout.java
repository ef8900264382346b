package io.rnnkit.models.regularization;

import io.rnnkit.core.UserInputException;
import java.util.Objects;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Locked (variational) dropout, as in AWD-LSTM: one mask per sequence and feature, the same at every
 * time step, for a layer's input [batch, features, time]; inputs of rank 2 get one mask per value.
 * Kept values are scaled by 1/keep, so inference (which DL4J runs without dropout) needs no change.
 * Use it wherever DL4J takes an {@link IDropout}: on the embedding's output through the next layer's
 * {@code dropOut(new LockedDropout(keep))}, between layers, or on the output layer's input.
 */
public final class LockedDropout implements IDropout {

    /** The probability of keeping each (sequence, feature). */
    private double keep;
    private transient INDArray mask;

    private LockedDropout() {
        // for JSON deserialization
    }

    /**
     * Dropout keeping each (sequence, feature) with probability {@code keep}.
     *
     * @param keep the keep probability, in (0, 1]
     * @throws UserInputException when keep is outside (0, 1]
     */
    public LockedDropout(double keep) {
        if (!(keep > 0.0 && keep <= 1.0)) {
            throw new UserInputException("locked dropout is a keep probability and must be in (0, 1], got " + keep);
        }
        this.keep = keep;
    }

    /** @return the keep probability */
    public double getKeep() {
        return keep;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray result, int iteration, int epoch,
                                 LayerWorkspaceMgr workspaceMgr) {
        long[] maskShape = inputActivations.rank() == 3
                ? new long[] {inputActivations.size(0), inputActivations.size(1), 1}
                : inputActivations.shape();
        mask = workspaceMgr.createUninitialized(ArrayType.INPUT, inputActivations.dataType(), maskShape, 'c');
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution(mask, keep));
        mask.divi(keep);
        return multiply(inputActivations, result);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("LockedDropout: backprop needs a preceding training forward pass");
        }
        INDArray out = multiply(gradAtOutput, gradAtInput);
        mask = null;
        return out;
    }

    private INDArray multiply(INDArray source, INDArray target) {
        if (source.rank() == 3) {
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp(
                    source, mask.broadcast(source.shape()), target));
        } else {
            target.assign(source.mul(mask));
        }
        return target;
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public LockedDropout clone() {
        return new LockedDropout(keep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockedDropout other && keep == other.keep;
    }

    @Override
    public int hashCode() {
        return Objects.hash(LockedDropout.class, keep);
    }

    @Override
    public String toString() {
        return "LockedDropout(keep=" + keep + ")";
    }
}
