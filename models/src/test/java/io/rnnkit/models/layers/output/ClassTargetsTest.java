package io.rnnkit.models.layers.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.kernels.KernelThreads;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassTargetsTest {

    // 7 classes × 5 steps = 35 values per example: two 16-float vectors and a scalar tail of 3.
    private static final int BATCH = 4;
    private static final int CLASSES = 7;
    private static final int STEPS = 5;

    @AfterEach
    void restoreThePool() {
        KernelThreads.setShared(null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void oneHotLabelsGiveTheirClassesInEveryTypeAndPoolSize(int threads) {
        KernelThreads.setShared(threads == 1 ? KernelThreads.ofSize(1) : KernelThreads.splittingEverything(threads));
        int[] classes = randomClasses(new Random(5));

        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ClassTargets targets = ClassTargets.read(oneHot(classes, type), null, BATCH, STEPS, CLASSES, "out");

            assertThat(targets.target()).containsExactly(classes);
            assertThat(targets.weight()).containsOnly(1.0);
        }
        ClassTargets fromIndices = ClassTargets.read(indices(classes), null, BATCH, STEPS, CLASSES, "out");
        assertThat(fromIndices.target()).containsExactly(classes);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aSecondOneOrAnotherValueIsRefusedWithItsPlace(int threads) {
        KernelThreads.setShared(threads == 1 ? KernelThreads.ofSize(1) : KernelThreads.splittingEverything(threads));
        int[] classes = randomClasses(new Random(6));
        INDArray twoOnes = oneHot(classes, DataType.FLOAT);
        // example 2, step 4 (in the scalar tail): a second class set
        twoOnes.putScalar(new long[] {2, (classes[2 * STEPS + 4] + 1) % CLASSES, 4}, 1f);
        INDArray notOne = oneHot(classes, DataType.FLOAT);
        notOne.putScalar(new long[] {1, classes[STEPS], 0}, 0.5f);

        assertThatThrownBy(() -> ClassTargets.read(twoOnes, null, BATCH, STEPS, CLASSES, "out"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("(example 2, step 4)");
        assertThatThrownBy(() -> ClassTargets.read(notOne, null, BATCH, STEPS, CLASSES, "out"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("value 0.5")
                .hasMessageContaining("(example 1, step 0)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aMaskedStepMayHaveNoClassAnUnmaskedOneMayNot(int threads) {
        KernelThreads.setShared(threads == 1 ? KernelThreads.ofSize(1) : KernelThreads.splittingEverything(threads));
        int[] classes = randomClasses(new Random(7));
        INDArray labels = oneHot(classes, DataType.FLOAT);
        labels.putScalar(new long[] {3, classes[3 * STEPS + 2], 2}, 0f);
        INDArray mask = Nd4j.ones(DataType.FLOAT, BATCH, STEPS);
        mask.putScalar(new long[] {3, 2}, 0f);

        ClassTargets targets = ClassTargets.read(labels, mask, BATCH, STEPS, CLASSES, "out");

        assertThat(targets.target()[3 * STEPS + 2]).isEqualTo(-1);
        assertThat(targets.weight()[3 * STEPS + 2]).isZero();
        assertThat(targets.target()[3 * STEPS + 1]).isEqualTo(classes[3 * STEPS + 1]);
        assertThatThrownBy(() -> ClassTargets.read(labels, null, BATCH, STEPS, CLASSES, "out"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("no class set at (example 3, step 2)");
    }

    private static int[] randomClasses(Random random) {
        int[] classes = new int[BATCH * STEPS];
        for (int r = 0; r < classes.length; r++) {
            classes[r] = random.nextInt(CLASSES);
        }
        return classes;
    }

    private static INDArray oneHot(int[] classes, DataType type) {
        INDArray labels = Nd4j.zeros(type, BATCH, CLASSES, STEPS);
        for (int r = 0; r < classes.length; r++) {
            labels.putScalar(new long[] {r / STEPS, classes[r], r % STEPS}, 1.0);
        }
        return labels;
    }

    private static INDArray indices(int[] classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 1, STEPS);
        for (int r = 0; r < classes.length; r++) {
            labels.putScalar(new long[] {r / STEPS, 0, r % STEPS}, classes[r]);
        }
        return labels;
    }
}
