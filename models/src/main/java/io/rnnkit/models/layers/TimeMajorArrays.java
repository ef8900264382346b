package io.rnnkit.models.layers;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's [batch, features, time] sequences held time-major: a 'c'-order [T, B, F] array seen through a permuted
 * view. The fused layers compute in time-major rows ([T·B, F], row {@code t·B + b}), so handing such views to each
 * other replaces ND4J's element-by-element permuted copies (120–250 µs for a [32, 256, 35] sequence here) with
 * contiguous ones; any other layer reads the view as an ordinary [B, F, T] array.
 */
public final class TimeMajorArrays {

    private TimeMajorArrays() {
    }

    /**
     * A fresh, uninitialized [batch, features, steps] array of the workspace manager's kind, stored time-major.
     *
     * @param workspaceMgr where the array lives
     * @param kind the array's workspace kind (activations, activation gradients)
     * @param type the data type
     * @param batch the number of examples
     * @param features the number of features per step
     * @param steps the number of time steps
     * @return the [batch, features, steps] view of a 'c'-order [steps, batch, features] array
     */
    public static INDArray create(LayerWorkspaceMgr workspaceMgr, ArrayType kind, DataType type, long batch,
                                  long features, long steps) {
        return workspaceMgr.createUninitialized(kind, type, new long[] {steps, batch, features}, 'c').permute(1, 2, 0);
    }

    /**
     * Whether a [batch, features, steps] array is stored time-major and contiguous, as {@link #create} makes them:
     * strides (F, 1, B·F), ignoring those of dimensions of size 1.
     *
     * @param sequence a rank-3 array
     * @return whether {@link #rows} may view it
     */
    public static boolean isTimeMajor(INDArray sequence) {
        if (sequence.rank() != 3 || sequence.isEmpty()) {
            return false;
        }
        long batch = sequence.size(0);
        long features = sequence.size(1);
        return (batch == 1 || sequence.stride(0) == features)
                && (features == 1 || sequence.stride(1) == 1)
                && (sequence.size(2) == 1 || sequence.stride(2) == batch * features);
    }

    /**
     * The rows of a time-major sequence as a 'c'-order [T·B, F] array over the same memory, row {@code t·B + b}.
     *
     * @param sequence a [batch, features, steps] array for which {@link #isTimeMajor} holds
     * @return the row view
     */
    public static INDArray rows(INDArray sequence) {
        if (!isTimeMajor(sequence)) {
            throw new IllegalArgumentException("not a time-major sequence: shape "
                    + java.util.Arrays.toString(sequence.shape()) + " strides "
                    + java.util.Arrays.toString(sequence.stride()));
        }
        long features = sequence.size(1);
        return Nd4j.create(sequence.data(), new long[] {sequence.size(0) * sequence.size(2), features},
                new long[] {features, 1}, 0L, 'c');
    }
}
