package io.rnnkit.datasets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;

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
                double t = 3.0 * k + 0.3 * j;
                assertThat(chunk.getFeatures().getDouble(0, 0, j)).isCloseTo(Math.sin(t), within(1e-6));
                assertThat(chunk.getLabels().getDouble(0, 0, j)).isCloseTo(Math.cos(t), within(1e-6));
            }
        }
        assertThat(iterator.hasNext()).isFalse();
        // the step from the last point of one chunk to the first of the next is the in-chunk step
        assertThat(SinCosGenerator.time(1, 0) - SinCosGenerator.time(0, 9)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void noChunkRepeatsAnother() {
        DataSet series = new SinCosGenerator(70).dataSet();
        Set<String> chunks = new HashSet<>();
        for (int k = 0; k < 70; k++) {
            chunks.add(java.util.Arrays.toString(series.getFeatures().slice(k).toFloatVector()));
        }
        assertThat(chunks).hasSize(70);
    }

    @Test
    void aRangeIsThoseChunksOfTheSeries() {
        SinCosGenerator series = new SinCosGenerator(70);
        DataSet range = series.dataSet(50, 70);

        assertThat(range.getFeatures().shape()).containsExactly(20, 1, 10);
        assertThat(range.getLabels().slice(3)).isEqualTo(series.dataSet().getLabels().slice(53));
        assertThat(series.iterator(40, 50).next().getFeatures()).isEqualTo(series.dataSet(40, 41).getFeatures());
        assertThatThrownBy(() -> series.dataSet(60, 71)).isInstanceOf(UserInputException.class)
                .hasMessage("chunks: the range [60, 71) is not inside [0, 70)");
    }

    @Test
    void rejectsNoChunks() {
        assertThatThrownBy(() -> new SinCosGenerator(0)).isInstanceOf(UserInputException.class)
                .hasMessage("chunks: must be at least 1, got 0");
    }
}
