package io.rnnkit.models.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rows {@code [firstRow, firstRow + rows)} of a row-major (c-contiguous) 2-D array, the operand
 * type of {@link MatrixEngine}.
 */
record MatrixBlock(INDArray base, long firstRow, int rows, int cols) {

    MatrixBlock {
        if (base.rank() != 2 || base.stride(1) != 1 || (base.size(0) > 1 && base.stride(0) != base.size(1))) {
            throw new IllegalStateException("MatrixBlock needs a row-major contiguous 2-D array, got shape "
                    + java.util.Arrays.toString(base.shape()) + " strides " + java.util.Arrays.toString(base.stride()));
        }
    }

    /** The whole of a row-major 2-D array. */
    static MatrixBlock of(INDArray base) {
        return new MatrixBlock(base, 0, (int) base.size(0), (int) base.size(1));
    }

    /** Rows {@code [first, first + count)} of the same base array. */
    MatrixBlock rows(long first, int count) {
        return new MatrixBlock(base, firstRow + first, count, cols);
    }

    /** Offset of the first element in elements from the start of the base array. */
    long offset() {
        return firstRow * cols;
    }

    int length() {
        return rows * cols;
    }

    /** The block as an ND4J view. */
    INDArray view() {
        return base.get(NDArrayIndex.interval(firstRow, firstRow + rows), NDArrayIndex.all());
    }
}
