package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OrthogonalInitTest {

    /** [5, 15] (a GRU's RW at H = 5): orthonormal rows; [15, 5]: orthonormal columns; [6, 6]: both. */
    @ParameterizedTest
    @CsvSource({"5, 15", "15, 5", "6, 6"})
    void givesOrthonormalRowsOrColumnsInTheViewsOrder(int rows, int cols) {
        INDArray view = Nd4j.zeros(DataType.DOUBLE, rows, cols).dup('f');
        Nd4j.getRandom().setSeed(3);

        new OrthogonalInit().init(rows, cols, new long[] {rows, cols}, 'f', view);

        INDArray gram = rows <= cols ? view.mmul(view.transpose()) : view.transpose().mmul(view);
        INDArray identity = Nd4j.eye(Math.min(rows, cols)).castTo(DataType.DOUBLE);
        assertThat(gram.sub(identity).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(view.amaxNumber().doubleValue()).isGreaterThan(0.1);
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        INDArray first = Nd4j.zeros(DataType.FLOAT, 4, 12);
        INDArray second = Nd4j.zeros(DataType.FLOAT, 4, 12);
        Nd4j.getRandom().setSeed(9);
        new OrthogonalInit().init(4, 12, new long[] {4, 12}, 'c', first);
        Nd4j.getRandom().setSeed(9);
        new OrthogonalInit().init(4, 12, new long[] {4, 12}, 'c', second);

        assertThat(second.data().asFloat()).containsExactly(first.data().asFloat());
    }

    @Test
    void aGrusRecurrentWeightsStartOrthogonalAndTheConfigRoundTrips() {
        MultiLayerNetwork net = RecurrentTestNets.doubleNet(0, 5,
                new Gru.Builder().nIn(3).nOut(5).weightInitRecurrent(new OrthogonalInit()).build());
        // doubleNet adds noise in [-0.1, 0.1) to every parameter: compare loosely
        INDArray rw = net.getLayer(0).getParam("RW");
        INDArray gram = rw.mmul(rw.transpose());
        assertThat(gram.sub(Nd4j.eye(5).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()).isLessThan(0.6);

        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(((Gru) back.getConf(0).getLayer()).getWeightInitFnRecurrent()).isInstanceOf(OrthogonalInit.class);
    }

    @Test
    void aWeightOfAnotherRankIsRefused() {
        INDArray view = Nd4j.zeros(DataType.FLOAT, 2, 3, 4);
        assertThatThrownBy(() -> new OrthogonalInit().init(2, 12, new long[] {2, 3, 4}, 'c', view))
                .isInstanceOf(UserInputException.class).hasMessageContaining("2-d");
    }
}
