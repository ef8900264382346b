package io.rnnkit.models.layers.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.kernels.KernelThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StepMajorToClassMajorTest {

    @AfterEach
    void restoreThePool() {
        KernelThreads.setShared(null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void givesWhatNd4jsPermutedAssignGives(int threads) {
        KernelThreads.setShared(threads == 1 ? KernelThreads.ofSize(1) : KernelThreads.splittingEverything(threads));
        int batch = 5;
        int steps = 7;
        int classes = 11;
        Nd4j.getRandom().setSeed(4);
        INDArray rows = Nd4j.rand(DataType.FLOAT, batch * steps, classes);
        INDArray expected = Nd4j.create(DataType.FLOAT, batch, classes, steps);
        expected.permute(0, 2, 1).assign(rows.reshape(batch, steps, classes));

        for (boolean nativeCpu : new boolean[] {true, false}) {
            INDArray out = Nd4j.create(DataType.FLOAT, batch, classes, steps);
            new StepMajorToClassMajor(nativeCpu).write(rows, out, batch, steps, classes);

            assertThat(out.data().asFloat()).containsExactly(expected.data().asFloat());
        }
        assertThat(expected.getFloat(3, 10, 6)).isEqualTo(rows.getFloat(3 * steps + 6, 10));
    }
}
