package io.rnnkit.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class AdditionTaskTest {

    @Test
    void aSumCountsOnlyWhenAllItsBitsAreRight() {
        // two sums of 4 bits in one batch, then one in another; the identity network's outputs are the features
        DataSet first = new DataSet(
                Nd4j.create(new double[] {0.9, 0.1, 0.6, 0.2, /* second sum: bit 3 wrong */ 0.8, 0.3, 0.1, 0.4}, new long[] {2, 1, 4}, 'c'),
                Nd4j.create(new double[] {1, 0, 1, 0, 1, 0, 0, 1}, new long[] {2, 1, 4}, 'c'));
        DataSet second = new DataSet(Nd4j.create(new double[] {0.2, 0.2, 0.7, 0.9}, new long[] {1, 1, 4}, 'c'),
                Nd4j.create(new double[] {0, 0, 1, 1}, new long[] {1, 1, 4}, 'c'));

        Map<String, Double> metrics = AdditionTask.score(IdentityNetwork.perStep(1), IdentityNetwork.batches(first, second));

        assertThat(metrics.keySet()).containsExactly("accuracy", "bit-accuracy");
        assertThat(metrics.get("accuracy")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(metrics.get("bit-accuracy")).isCloseTo(11.0 / 12, within(1e-12));
        assertThat(new AdditionTask().headline(metrics, "test"))
                .isEqualTo("addition: test accuracy 0.6667 (whole sums; bits 0.9167)");
    }
}
