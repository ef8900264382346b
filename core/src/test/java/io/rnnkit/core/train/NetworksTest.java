package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class NetworksTest {

    @Test
    void releaseFreesOwnedArraysAndLeavesViewsAlone() {
        INDArray owned = Nd4j.rand(DataType.FLOAT, 4, 5);
        INDArray base = Nd4j.rand(DataType.FLOAT, 4, 5);
        INDArray view = base.getRow(1);

        Networks.release(owned, null, view, owned);

        assertThat(owned.wasClosed()).isTrue();
        assertThat(view.wasClosed()).isFalse();
        assertThat(base.wasClosed()).isFalse();
        assertThat(base.getRow(1).sumNumber().doubleValue()).isEqualTo(view.sumNumber().doubleValue());
    }

    @Test
    void releaseOutputsKeepsWhatSharesTheBatchsMemory() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        MultiDataSet batch = new DataSet(features, labels).toMultiDataSet();
        INDArray sameArray = features;
        INDArray reshaped = labels.reshape(2, 12);
        INDArray separate = features.dup();

        Networks.releaseOutputs(new INDArray[] {sameArray, reshaped, separate}, batch);

        assertThat(features.wasClosed()).isFalse();
        assertThat(labels.wasClosed()).isFalse();
        assertThat(reshaped.wasClosed()).isFalse();
        assertThat(separate.wasClosed()).isTrue();
        assertThat(features.sumNumber().doubleValue()).isPositive();
    }
}
