package io.rnnkit.models.layers;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The few dense operations the time loop needs (GEMM and heap copies), hidden behind one interface
 * so that the CPU backend can call OpenBLAS directly while other backends go through ND4J.
 */
interface MatrixEngine {

    /** {@code c = alpha * op(a) * op(b) + beta * c}, with op the transpose where asked. */
    void gemm(boolean transA, boolean transB, double alpha, MatrixBlock a, MatrixBlock b, double beta,
              MatrixBlock c);

    /** Copies the block, row-major, into {@code dst[0, rows*cols)}. */
    void read(MatrixBlock src, double[] dst);

    /** Copies {@code src[0, rows*cols)}, row-major, into the block. */
    void write(double[] src, MatrixBlock dst);

    /** Copies a FLOAT block, row-major, into {@code dst[0, rows*cols)}. */
    void readFloats(MatrixBlock src, float[] dst);

    /** Copies {@code src[0, rows*cols)}, row-major, into a FLOAT block. */
    void writeFloats(float[] src, MatrixBlock dst);

    /** Direct OpenBLAS on ND4J's native CPU backend; ND4J calls on any other backend (CUDA). */
    static MatrixEngine forCurrentBackend() {
        boolean nativeCpu = "org.nd4j.linalg.cpu.nativecpu.CpuBackend".equals(Nd4j.getBackend().getClass().getName());
        return nativeCpu ? new CblasMatrixEngine() : new Nd4jMatrixEngine();
    }
}
