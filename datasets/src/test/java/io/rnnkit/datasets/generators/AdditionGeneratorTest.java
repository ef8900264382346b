package io.rnnkit.datasets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import io.rnnkit.core.UserInputException;

class AdditionGeneratorTest {

    @Test
    void everyLabelIsTheSumOfItsInputsInBothBitOrders() {
        for (BitOrder order : BitOrder.values()) {
            AdditionGenerator addition = new AdditionGenerator(5, order, 0.2);
            DataSet train = addition.trainSet();
            assertThat(train.getFeatures().shape()).containsExactly(13_107, 2, 8);
            assertThat(train.getLabels().shape()).containsExactly(13_107, 1, 8);
            int[] pairs = addition.trainPairs();
            for (int i = 0; i < 13_107; i += 7) {
                INDArray features = train.getFeatures().slice(i);
                int a = addition.decode(features.getRow(0).toDoubleVector());
                int b = addition.decode(features.getRow(1).toDoubleVector());
                int sum = addition.decode(train.getLabels().slice(i).getRow(0).toDoubleVector());
                assertThat(a * 128 + b).isEqualTo(pairs[i]);
                assertThat(sum).isEqualTo(a + b);
            }
        }
    }

    @Test
    void bitOrderPutsTheLeastSignificantBitFirstOrLast() {
        // a=1, b=0 is some pair; check its encoding directly through decode symmetry
        AdditionGenerator lsb = new AdditionGenerator(1, BitOrder.LSB_FIRST, 0.5);
        AdditionGenerator msb = new AdditionGenerator(1, BitOrder.MSB_FIRST, 0.5);
        double[] one = {1, 0, 0, 0, 0, 0, 0, 0};
        assertThat(lsb.decode(one)).isEqualTo(1);
        assertThat(msb.decode(one)).isEqualTo(128);
    }

    @Test
    void heldOutPairsNeverAppearInTraining() {
        AdditionGenerator addition = new AdditionGenerator(9, BitOrder.LSB_FIRST, 0.25);
        Set<Integer> train = new HashSet<>();
        for (int pair : addition.trainPairs()) {
            train.add(pair);
        }
        assertThat(addition.testPairs()).hasSize(4096);
        for (int pair : addition.testPairs()) {
            assertThat(train).doesNotContain(pair);
        }
        assertThat(train).hasSize(16_384 - 4096);
    }

    @Test
    void validationPairsComeOutOfTrainingAndLeaveTestAsItWas() {
        AdditionGenerator plain = new AdditionGenerator(9, BitOrder.LSB_FIRST, 0.25);
        AdditionGenerator addition = new AdditionGenerator(9, BitOrder.LSB_FIRST, 0.25, 0.1);
        Set<Integer> all = new HashSet<>();
        for (int[] split : new int[][] {addition.trainPairs(), addition.validationPairs(), addition.testPairs()}) {
            for (int pair : split) {
                all.add(pair);
            }
        }

        assertThat(all).hasSize(16_384);
        assertThat(addition.validationPairs()).hasSize(1638);
        assertThat(addition.trainPairs()).hasSize(16_384 - 4096 - 1638);
        assertThat(addition.testPairs()).containsExactly(plain.testPairs());
        assertThat(addition.validationSet().getFeatures().shape()).containsExactly(1638, 2, 8);
        assertThat(plain.validationPairs()).isEmpty();
    }

    @Test
    void rejectsABadFraction() {
        assertThatThrownBy(() -> new AdditionGenerator(1, BitOrder.LSB_FIRST, 0.5, 0.5))
                .isInstanceOf(UserInputException.class)
                .hasMessage("validation-fraction: must be at least 0 and leave training pairs after a test fraction of 0.5, got 0.5");
        assertThatThrownBy(() -> new AdditionGenerator(1, BitOrder.LSB_FIRST, 1.0))
                .isInstanceOf(UserInputException.class)
                .hasMessage("test-fraction: must be between 0 and 1 (exclusive), got 1.0");
    }
}
