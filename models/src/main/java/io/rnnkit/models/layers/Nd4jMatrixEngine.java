package io.rnnkit.models.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link MatrixEngine} through ordinary ND4J ops: slower, but works on every backend. */
final class Nd4jMatrixEngine implements MatrixEngine {

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, MatrixBlock a, MatrixBlock b, double beta,
                     MatrixBlock c) {
        Nd4j.gemm(a.view(), b.view(), c.view(), transA, transB, alpha, beta);
    }

    @Override
    public void read(MatrixBlock src, double[] dst) {
        double[] values = src.view().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        System.arraycopy(values, 0, dst, 0, src.length());
    }

    @Override
    public void write(double[] src, MatrixBlock dst) {
        INDArray values = Nd4j.create(java.util.Arrays.copyOf(src, dst.length()), new long[] {dst.rows(), dst.cols()}, 'c');
        dst.view().assign(values.castTo(dst.base().dataType()));
    }

    @Override
    public void readFloats(MatrixBlock src, float[] dst) {
        float[] values = src.view().dup('c').data().asFloat();
        System.arraycopy(values, 0, dst, 0, src.length());
    }

    @Override
    public void writeFloats(float[] src, MatrixBlock dst) {
        INDArray values = Nd4j.create(java.util.Arrays.copyOf(src, dst.length()), new long[] {dst.rows(), dst.cols()}, 'c');
        dst.view().assign(values);
    }
}
