package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParameterAverageTest {

    @Test
    void holdsTheMeanOfEveryIterateAddedAndCopiesThem() {
        ParameterAverage average = new ParameterAverage();
        assertThat(average.mean()).isNull();
        INDArray live = Nd4j.create(new double[] {1, -2, 4});
        average.add(live);
        live.assign(Nd4j.create(new double[] {3, 2, 0}));
        average.add(live);
        live.assign(Nd4j.create(new double[] {5, 6, 8}));
        average.add(live);

        assertThat(average.iterates()).isEqualTo(3);
        assertThat(average.mean().toDoubleVector()).containsExactly(3, 2, 4);
        assertThat(average.mean().dataType()).isEqualTo(DataType.DOUBLE);
    }
}
