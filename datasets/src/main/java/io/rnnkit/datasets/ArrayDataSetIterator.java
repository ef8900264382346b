package io.rnnkit.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Serves an in-memory {@link DataSet} in consecutive batches along its first dimension, in order
 * (masks included). Used for the generated tasks, whose whole data fits in memory.
 */
public final class ArrayDataSetIterator extends BaseDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final DataSet data;
    private final int batchSize;
    private final int examples;
    private int cursor;

    /** Batches of {@code batchSize} examples (the last one may be smaller). */
    public ArrayDataSetIterator(DataSet data, int batchSize) {
        if (batchSize < 1) {
            throw new io.rnnkit.core.UserInputException("batch-size: must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.examples = (int) data.getFeatures().size(0);
    }

    /** Number of examples in the whole set. */
    public int examples() {
        return examples;
    }

    @Override
    protected DataSet nextBatch() {
        int from = cursor;
        int to = Math.min(examples, from + batchSize);
        cursor = to;
        return new DataSet(rows(data.getFeatures(), from, to), rows(data.getLabels(), from, to),
                rows(data.getFeaturesMaskArray(), from, to), rows(data.getLabelsMaskArray(), from, to));
    }

    private static INDArray rows(INDArray array, int from, int to) {
        if (array == null) {
            return null;
        }
        INDArrayIndex[] indices = new INDArrayIndex[array.rank()];
        indices[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < indices.length; d++) {
            indices[d] = NDArrayIndex.all();
        }
        return array.get(indices).dup();
    }

    @Override
    public boolean hasNext() {
        return cursor < examples;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public int batch() {
        return batchSize;
    }
}
