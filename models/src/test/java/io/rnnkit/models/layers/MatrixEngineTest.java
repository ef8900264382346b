package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MatrixEngineTest {

    static Stream<Arguments> enginesAndTypes() {
        return Stream.of(
                Arguments.of(new CblasMatrixEngine(), DataType.FLOAT),
                Arguments.of(new CblasMatrixEngine(), DataType.DOUBLE),
                Arguments.of(new Nd4jMatrixEngine(), DataType.FLOAT),
                Arguments.of(new Nd4jMatrixEngine(), DataType.DOUBLE));
    }

    @Test
    void cpuBackendGetsTheDirectCblasEngine() {
        assertThat(MatrixEngine.forCurrentBackend()).isInstanceOf(CblasMatrixEngine.class);
    }

    @ParameterizedTest
    @MethodSource("enginesAndTypes")
    void gemmOnRowBlocksMatchesMmulForEveryTransposeCombination(MatrixEngine engine, DataType type) {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.rand(type, 10, 4);   // rows 3..8 used: [5, 4]
        INDArray bt = Nd4j.rand(type, 6, 4);   // [6, 4]; its transpose is [4, 6]
        INDArray c = Nd4j.zeros(type, 7, 6);   // rows 1..6 written
        INDArray aRows = a.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());

        engine.gemm(false, true, 1.0, MatrixBlock.of(a).rows(3, 5), MatrixBlock.of(bt), 0.0,
                MatrixBlock.of(c).rows(1, 5));
        INDArray expected = aRows.mmul(bt.transpose());
        assertThat(maxDiff(c.get(NDArrayIndex.interval(1, 6), NDArrayIndex.all()), expected)).isLessThan(1e-5);
        assertThat(c.getRow(0).sumNumber().doubleValue()).isEqualTo(0.0);
        assertThat(c.getRow(6).sumNumber().doubleValue()).isEqualTo(0.0);

        INDArray d = Nd4j.ones(type, 4, 6);    // beta = 2 keeps twice the old contents
        engine.gemm(true, false, 0.5, MatrixBlock.of(aRows.dup('c')), MatrixBlock.of(expected.dup('c')), 2.0,
                MatrixBlock.of(d));
        INDArray expectedD = aRows.transpose().mmul(expected).mul(0.5).add(2.0);
        assertThat(maxDiff(d, expectedD)).isLessThan(1e-5);
    }

    @ParameterizedTest
    @MethodSource("enginesAndTypes")
    void readAndWriteCopyRowBlocks(MatrixEngine engine, DataType type) {
        INDArray base = Nd4j.arange(0, 12).castTo(type).reshape(4, 3);
        double[] read = new double[6];
        engine.read(MatrixBlock.of(base).rows(1, 2), read);
        assertThat(read).containsExactly(3, 4, 5, 6, 7, 8);
        engine.write(new double[] {-1, -2, -3}, MatrixBlock.of(base).rows(3, 1));
        assertThat(base.getRow(3).toDoubleVector()).containsExactly(-1, -2, -3);
        assertThat(base.getRow(2).toDoubleVector()).containsExactly(6, 7, 8);
    }

    @Test
    void matrixBlockRejectsNonRowMajorArrays() {
        INDArray columnMajor = Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f');
        assertThatThrownBy(() -> MatrixBlock.of(columnMajor)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row-major");
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
