package io.rnnkit.apps.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class NearestNeighbourTest {

    /** Two training points on a line, (0, 0) of class 0 and (10, 10) of class 1, as 2-step sequences. */
    private static final NearestNeighbour TWO_POINTS = new NearestNeighbour(Batches.of(new DataSet(
            Nd4j.create(new float[] {0, 0, 10, 10}, new long[] {2, 1, 2}, 'c'),
            Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {2, 2}, 'c'))));

    @Test
    void takesTheClassOfTheNearestExample() {
        assertThat(TWO_POINTS.classify(new double[] {4, 4})).isZero();
        assertThat(TWO_POINTS.classify(new double[] {6, 5})).isOne();
        assertThat(TWO_POINTS.classify(new double[] {5, 5})).as("a tie goes to the earlier example").isZero();
    }

    @Test
    void accuracyCountsHeldOutExamplesRight() {
        // (1, 2) is class 0 and right; (9, 9) is labelled 0 but nearest to class 1; (7, 8) is class 1 and right
        DataSet heldOut = new DataSet(Nd4j.create(new float[] {1, 2, 9, 9, 7, 8}, new long[] {3, 1, 2}, 'c'),
                Nd4j.create(new float[] {1, 0, 1, 0, 0, 1}, new long[] {3, 2}, 'c'));

        assertThat(TWO_POINTS.accuracy(Batches.of(heldOut))).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void perStepLabelsAreReadAtTheMaskedStep() {
        // labels [1, 2, 2]: class 1 at the last step, which alone the mask marks; the first step says class 0
        DataSet sequence = new DataSet(Nd4j.create(new float[] {9, 11}, new long[] {1, 1, 2}, 'c'),
                Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {1, 2, 2}, 'c'),
                null, Nd4j.create(new float[] {0, 1}, new long[] {1, 2}, 'c'));

        assertThat(TWO_POINTS.accuracy(Batches.of(sequence))).isEqualTo(1.0);
    }

    @Test
    void examplesOfAnotherLengthAreRefused() {
        assertThatThrownBy(() -> TWO_POINTS.classify(new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("example: 3 values, but training examples have 2");
    }
}
