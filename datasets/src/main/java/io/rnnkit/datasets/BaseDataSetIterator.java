package io.rnnkit.datasets;

import java.util.List;
import java.util.NoSuchElementException;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Plumbing shared by rnnkit's iterators: the pre-processor, {@code next(int)} refusal and the
 * reset/async flags. Subclasses build one fresh {@link DataSet} per call, so they work under
 * {@code AsyncDataSetIterator}.
 */
public abstract class BaseDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private DataSetPreProcessor preProcessor;

    /** Builds the next batch; only called when {@link #hasNext()} is true. */
    protected abstract DataSet nextBatch();

    @Override
    public final DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over; call reset()");
        }
        DataSet batch = nextBatch();
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed at construction; use next()");
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
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
