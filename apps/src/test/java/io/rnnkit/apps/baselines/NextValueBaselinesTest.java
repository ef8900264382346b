package io.rnnkit.apps.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class NextValueBaselinesTest {

    /** Windows [1, 2, 3] → 5 and [0, 0, 1] → 1, served as two batches. */
    private static MultiDataSetIterator windows() {
        return Batches.of(window(new float[] {1, 2, 3}, 5), window(new float[] {0, 0, 1}, 1));
    }

    private static DataSet window(float[] values, float next) {
        return new DataSet(Nd4j.create(values, new long[] {1, 1, values.length}, 'c'),
                Nd4j.create(new float[] {next}, new long[] {1, 1}, 'c'));
    }

    @Test
    void copyLastPredictsTheLastValue() {
        // errors |3 - 5| and |1 - 1|
        assertThat(NextValueBaselines.copyLast(windows()).mae()).isCloseTo(1.0, within(1e-12));
        assertThat(NextValueBaselines.copyLast(windows()).mse()).isCloseTo(2.0, within(1e-12));
        assertThat(NextValueBaselines.copyLast(windows()).predicted()).containsExactly(3.0, 1.0);
    }

    @Test
    void linearExtrapolationExtendsTheLastStep() {
        // predictions 4 and 2, errors 1 and 1
        assertThat(NextValueBaselines.linearExtrapolation(windows()).predicted()).containsExactly(4.0, 2.0);
        assertThat(NextValueBaselines.linearExtrapolation(windows()).mae()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void windowsOfOneValueAreRefused() {
        assertThatThrownBy(() -> NextValueBaselines.linearExtrapolation(Batches.of(window(new float[] {1}, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windows: expected features [N, 1, W] with W >= 2, got shape [1, 1, 1]");
    }
}
