package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ArrayDataSetIteratorTest {

    @Test
    void servesConsecutiveRowsWithMasksAndResets() {
        INDArray features = Nd4j.arange(5 * 2 * 3).reshape(5, 2, 3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray labels = Nd4j.arange(5).reshape(5, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray mask = Nd4j.ones(5, 3);
        ArrayDataSetIterator iterator = new ArrayDataSetIterator(new DataSet(features, labels, mask, null), 2);
        for (int epoch = 0; epoch < 2; epoch++) {
            DataSet first = iterator.next();
            assertThat(first.getFeatures().shape()).containsExactly(2, 2, 3);
            assertThat(first.getFeatures().getDouble(1, 1, 2)).isEqualTo(11.0);
            assertThat(first.getFeaturesMaskArray().shape()).containsExactly(2, 3);
            iterator.next();
            DataSet last = iterator.next();
            assertThat(last.getLabels().shape()).containsExactly(1, 1);
            assertThat(last.getLabels().getDouble(0, 0)).isEqualTo(4.0);
            assertThat(iterator.hasNext()).isFalse();
            iterator.reset();
        }
        assertThat(iterator.inputColumns()).isEqualTo(2);
        assertThat(iterator.totalOutcomes()).isEqualTo(1);
    }

    @Test
    void worksUnderAsync() {
        INDArray features = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 10, 1, 4);
        INDArray labels = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 10, 1);
        AsyncDataSetIterator async = new AsyncDataSetIterator(new ArrayDataSetIterator(new DataSet(features, labels), 3), 2);
        double sum = 0;
        int batches = 0;
        while (async.hasNext()) {
            sum += async.next().getFeatures().sumNumber().doubleValue();
            batches++;
        }
        async.shutdown();
        assertThat(batches).isEqualTo(4);
        assertThat(sum).isCloseTo(features.sumNumber().doubleValue(), org.assertj.core.api.Assertions.within(1e-3));
    }
}
