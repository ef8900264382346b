package io.rnnkit.models.layers.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.kernels.KernelThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ExampleMajorRowsTest {

    private static final int BATCH = 5;
    private static final int STEPS = 7;
    private static final int FEATURES = 11;

    @AfterEach
    void restoreThePool() {
        KernelThreads.setShared(null);
    }

    @ParameterizedTest
    @CsvSource({"FLOAT, 1", "FLOAT, 3", "DOUBLE, 1", "DOUBLE, 3"})
    void reordersRowsBothWaysOnEveryPath(DataType type, int threads) {
        KernelThreads.setShared(threads == 1 ? KernelThreads.ofSize(1) : KernelThreads.splittingEverything(threads));
        Nd4j.getRandom().setSeed(5);
        INDArray timeMajor = Nd4j.rand(type, BATCH * STEPS, FEATURES);

        for (boolean nativeCpu : new boolean[] {true, false}) {
            ExampleMajorRows rows = new ExampleMajorRows(nativeCpu);
            INDArray exampleMajor = Nd4j.create(type, BATCH * STEPS, FEATURES);
            rows.fromTimeMajor(timeMajor, exampleMajor, BATCH, STEPS);
            for (int b = 0; b < BATCH; b++) {
                for (int t = 0; t < STEPS; t++) {
                    assertThat(exampleMajor.getRow(b * STEPS + t)).as("native %s, row (%d, %d)", nativeCpu, b, t)
                            .isEqualTo(timeMajor.getRow((long) t * BATCH + b));
                }
            }

            INDArray back = Nd4j.create(type, BATCH * STEPS, FEATURES);
            rows.toTimeMajor(exampleMajor, back, BATCH, STEPS);
            assertThat(back).as("native %s", nativeCpu).isEqualTo(timeMajor);
        }
    }
}
