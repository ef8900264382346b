package io.rnnkit.models.layers.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.kernels.KernelThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The output layer's products, split into row or column blocks over the pool, against ND4J's own gemm. */
class RowMajorGemmTest {

    private int blasThreads;

    @BeforeEach
    void singleThreadedBlas() {
        // the pool splits products only when OpenBLAS itself runs on one thread, as under the launcher
        blasThreads = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(1);
        KernelThreads.setShared(KernelThreads.splittingEverything(3));
    }

    @AfterEach
    void restore() {
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        KernelThreads.setShared(null);
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, 70, 9, 13",   // more rows than columns: row blocks
        "false, false, 9, 70, 13",   // more columns than rows: column blocks
        "true, false, 9, 70, 13",    // the weight gradient hᵀ·dZ, column blocks
        "false, true, 70, 9, 13",    // the input gradient dZ·Wᵀ, row blocks
        "false, true, 9, 70, 13",
        "true, true, 9, 70, 13"})
    void splitProductsMatchNd4jGemm(boolean transA, boolean transB, int m, int n, int k) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(m * 100L + n);
            INDArray a = Nd4j.rand(type, transA ? new long[] {k, m} : new long[] {m, k});
            INDArray b = Nd4j.rand(type, transB ? new long[] {n, k} : new long[] {k, n});
            INDArray expected = Nd4j.gemm(a, b, transA, transB);
            INDArray c = Nd4j.create(type, m, n);
            RowMajorGemm.forCurrentBackend().gemm(transA, transB, a, b, c);
            double worst = c.sub(expected).amaxNumber().doubleValue();
            assertThat(worst).as("%s %s·%s", type, transA ? "aᵀ" : "a", transB ? "bᵀ" : "b")
                    .isLessThan(type == DataType.FLOAT ? 1e-5 : 1e-12);
        }
    }
}
