package io.rnnkit.apps.baselines;

import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Hand-made batches for the baseline tests, served in order. */
final class Batches {

    private Batches() {
    }

    static MultiDataSetIterator of(DataSet... batches) {
        return new MultiDataSetIteratorAdapter(new ListDataSetIterator<>(List.of(batches), 1));
    }
}
