package io.rnnkit.datasets.generators;

import java.util.NoSuchElementException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.rnnkit.core.UserInputException;

/** Serves an in-memory {@link MultiDataSet} (for a ComputationGraph) in consecutive batches, masks included. */
public final class ArrayMultiDataSetIterator implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final MultiDataSet data;
    private final int batchSize;
    private final int examples;
    private int cursor;
    private MultiDataSetPreProcessor preProcessor;

    /** Batches of {@code batchSize} examples (the last may be smaller). */
    public ArrayMultiDataSetIterator(MultiDataSet data, int batchSize) {
        if (batchSize < 1) {
            throw new UserInputException("batch-size: must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.examples = (int) data.getFeatures(0).size(0);
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over; call reset()");
        }
        int from = cursor;
        int to = Math.min(examples, from + batchSize);
        cursor = to;
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(rows(data.getFeatures(), from, to),
                rows(data.getLabels(), from, to), rows(data.getFeaturesMaskArrays(), from, to),
                rows(data.getLabelsMaskArrays(), from, to));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    private static INDArray[] rows(INDArray[] arrays, int from, int to) {
        if (arrays == null) {
            return null;
        }
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                INDArrayIndex[] indices = new INDArrayIndex[arrays[i].rank()];
                indices[0] = NDArrayIndex.interval(from, to);
                for (int d = 1; d < indices.length; d++) {
                    indices[d] = NDArrayIndex.all();
                }
                out[i] = arrays[i].get(indices).dup();
            }
        }
        return out;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed at construction; use next()");
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
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
