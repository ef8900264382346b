package io.rnnkit.datasets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.ArrayDataSetIterator;

class SinCosGeneratorTest {

    @Test
    void chunksAreContiguousInTime() {
        ArrayDataSetIterator iterator = new SinCosGenerator(4).iterator();
        for (int k = 0; k < 4; k++) {
            DataSet chunk = iterator.next();
            assertThat(chunk.getFeatures().shape()).containsExactly(1, 1, 10);
            for (int j = 0; j < 10; j++) {
                double t = Math.PI * k + Math.PI * j / 10;
                assertThat(chunk.getFeatures().getDouble(0, 0, j)).isCloseTo(Math.sin(t), within(1e-6));
                assertThat(chunk.getLabels().getDouble(0, 0, j)).isCloseTo(Math.cos(t), within(1e-6));
            }
        }
        assertThat(iterator.hasNext()).isFalse();
        // the step from the last point of one chunk to the first of the next is the in-chunk step
        assertThat(SinCosGenerator.time(1, 0) - SinCosGenerator.time(0, 9)).isCloseTo(Math.PI / 10, within(1e-12));
    }

    @Test
    void rejectsNoChunks() {
        assertThatThrownBy(() -> new SinCosGenerator(0)).isInstanceOf(UserInputException.class)
                .hasMessage("chunks: must be at least 1, got 0");
    }
}
