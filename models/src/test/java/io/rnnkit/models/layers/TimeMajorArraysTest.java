package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TimeMajorArraysTest {

    @Test
    void createdSequencesAreTimeMajorAndTheirRowsAreStepByStep() {
        INDArray sequence = TimeMajorArrays.create(LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS,
                DataType.FLOAT, 2, 3, 4);
        Nd4j.getRandom().setSeed(7);
        sequence.assign(Nd4j.rand(DataType.FLOAT, 2, 3, 4));

        assertThat(sequence.shape()).containsExactly(2, 3, 4);
        assertThat(TimeMajorArrays.isTimeMajor(sequence)).isTrue();
        INDArray rows = TimeMajorArrays.rows(sequence);
        assertThat(rows.shape()).containsExactly(8, 3);
        for (int t = 0; t < 4; t++) {
            for (int b = 0; b < 2; b++) {
                for (int f = 0; f < 3; f++) {
                    assertThat(rows.getFloat(t * 2 + b, f)).isEqualTo(sequence.getFloat(b, f, t));
                }
            }
        }
    }

    @Test
    void ordinaryLayoutsAreNot() {
        assertThat(TimeMajorArrays.isTimeMajor(Nd4j.create(DataType.FLOAT, new long[] {2, 3, 4}, 'c'))).isFalse();
        assertThat(TimeMajorArrays.isTimeMajor(Nd4j.create(DataType.FLOAT, new long[] {2, 3, 4}, 'f'))).isFalse();
        assertThat(TimeMajorArrays.isTimeMajor(Nd4j.create(DataType.FLOAT, 2, 3))).isFalse();
        INDArray sequence = TimeMajorArrays.create(LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS,
                DataType.FLOAT, 2, 3, 4);
        INDArray someSteps = sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        assertThat(TimeMajorArrays.isTimeMajor(someSteps)).isTrue();
        INDArray someFeatures = sequence.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all());
        assertThat(TimeMajorArrays.isTimeMajor(someFeatures)).isFalse();
        assertThatThrownBy(() -> TimeMajorArrays.rows(someFeatures)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a time-major sequence");
    }

    @Test
    void sizeOneDimensionsAnyStrideCount() {
        // [1, F, T] in 'c' order, and [B, F, 1] in 'c' order: both hold their rows step by step
        assertThat(TimeMajorArrays.isTimeMajor(Nd4j.create(DataType.FLOAT, new long[] {3, 4, 1}, 'c'))).isTrue();
        INDArray oneExample = Nd4j.create(DataType.FLOAT, new long[] {1, 4, 3}, 'f');
        assertThat(TimeMajorArrays.isTimeMajor(oneExample)).isTrue();
        oneExample.assign(Nd4j.arange(12).reshape(1, 4, 3));
        assertThat(TimeMajorArrays.rows(oneExample).getFloat(2, 1)).isEqualTo(oneExample.getFloat(0, 1, 2));
    }
}
