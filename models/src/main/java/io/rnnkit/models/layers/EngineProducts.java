package io.rnnkit.models.layers;

import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link SequenceProducts} through a {@link MatrixEngine} on the off-heap buffers of {@link SequenceBuffers}:
 * the path for double networks and for backends other than ND4J's native CPU one.
 */
final class EngineProducts implements SequenceProducts {

    private final MatrixEngine engine;
    private final SequenceBuffers b;
    private MatrixBlock input;
    private MatrixBlock inputWeightsT;
    private MatrixBlock recurrentWeightsT;

    EngineProducts(MatrixEngine engine, SequenceBuffers buffers) {
        this.engine = engine;
        this.b = buffers;
    }

    @Override
    public void beginForward(MatrixBlock input, MatrixBlock inputWeightsT, MatrixBlock recurrentWeightsT,
                             boolean training) {
        this.input = input;
        this.inputWeightsT = inputWeightsT;
        this.recurrentWeightsT = recurrentWeightsT;
        engine.gemm(false, true, 1.0, input, inputWeightsT, 0.0, MatrixBlock.of(b.zx));
    }

    @Override
    public boolean runsRowRanges() {
        return false;
    }

    /** Writes the state to hOut and, with a dropout mask, its dropped-out copy to hRec. */
    @Override
    public void setRecurrentInput(int t, int firstRow, int endRow, double[] h, int offset, double[] mask) {
        requireWholeStep(firstRow, endRow);
        int bh = b.batch * b.hidden;
        System.arraycopy(h, offset, b.hStep, 0, bh);
        engine.write(b.hStep, stepRows(MatrixBlock.of(b.hOut), t));
        if (mask != null) {
            for (int i = 0; i < bh; i++) {
                b.hStep[i] *= mask[i];
            }
            engine.write(b.hStep, stepRows(MatrixBlock.of(b.hRec), t));
        }
    }

    @Override
    public void stepPreActivations(int t, int firstRow, int endRow, double[] zr, double[] zx) {
        requireWholeStep(firstRow, endRow);
        engine.gemm(false, true, 1.0, stepRows(MatrixBlock.of(b.hRec), t), recurrentWeightsT, 0.0,
                MatrixBlock.of(b.zrScratch));
        engine.read(MatrixBlock.of(b.zrScratch), zr);
        engine.read(stepRows(MatrixBlock.of(b.zx), t), zx);
    }

    @Override
    public void clearGateGradients(int stepCount) {
        b.dzx.get(NDArrayIndex.interval(0, (long) stepCount * b.batch), NDArrayIndex.all()).assign(0);
        if (b.dzr != b.dzx) {
            b.dzr.get(NDArrayIndex.interval(0, (long) stepCount * b.batch), NDArrayIndex.all()).assign(0);
        }
    }

    @Override
    public void storeGateGradients(int t, int firstRow, int endRow, double[] dzx, double[] dzr) {
        requireWholeStep(firstRow, endRow);
        engine.write(dzx, stepRows(MatrixBlock.of(b.dzx), t));
        if (b.dzr != b.dzx) {
            engine.write(dzr, stepRows(MatrixBlock.of(b.dzr), t));
        }
    }

    @Override
    public void recurrentGradient(int t, int firstRow, int endRow, double[] dzr, double[] target) {
        requireWholeStep(firstRow, endRow);
        engine.gemm(false, false, 1.0, stepRows(MatrixBlock.of(b.dzr), t), recurrentWeightsT, 0.0,
                MatrixBlock.of(b.dhScratch));
        engine.read(MatrixBlock.of(b.dhScratch), target);
    }

    @Override
    public void weightGradients(MatrixBlock inputWeightGradT, MatrixBlock recurrentWeightGradT) {
        engine.gemm(true, false, 1.0, MatrixBlock.of(b.dzx), input, 0.0, inputWeightGradT);
        engine.gemm(true, false, 1.0, MatrixBlock.of(b.dzr), MatrixBlock.of(b.hRec).rows(0, b.steps * b.batch),
                0.0, recurrentWeightGradT);
    }

    @Override
    public void inputGradient(MatrixBlock target) {
        engine.gemm(false, false, 1.0, MatrixBlock.of(b.dzx), inputWeightsT, 0.0, target);
    }

    private void requireWholeStep(int firstRow, int endRow) {
        if (firstRow != 0 || endRow != b.batch) {
            throw new IllegalStateException("the engine path runs whole steps, not rows " + firstRow + ".." + endRow);
        }
    }

    private MatrixBlock stepRows(MatrixBlock block, int t) {
        return block.rows((long) t * b.batch, b.batch);
    }
}
