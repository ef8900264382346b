package io.rnnkit.models.layers;

/**
 * The dense products of one pass of {@link FusedRecurrentLayerImpl}'s time loop, behind one interface so
 * that the loop itself reads the same on every path: heap float GEMMs ({@link FloatHeapPath}) or the
 * {@link MatrixEngine} on off-heap buffers ({@link EngineProducts}). The weights given to
 * {@link #beginForward} serve the backward pass that follows it. Step blocks are row-major [B, width].
 *
 * <p>The per-step methods work on batch rows [firstRow, endRow): rows are independent through the
 * recurrence, so a time loop may run on row ranges in parallel ({@link #runsRowRanges}).
 */
interface SequenceProducts {

    /**
     * Takes the weights (transposed views, [G·H, n]) and projects every step's input, time-major [T·B, nIn];
     * {@code training} says whether a backward pass may follow, for which the products may keep more as the steps
     * go.
     */
    void beginForward(MatrixBlock input, MatrixBlock inputWeightsT, MatrixBlock recurrentWeightsT, boolean training);

    /** Whether the per-step methods take part of the batch (else only all of it). */
    boolean runsRowRanges();

    /**
     * Keeps rows [firstRow, endRow) of state t ({@code h}, a [B, H] block from {@code offset}), times the recurrent
     * dropout mask if given, as step t's recurrent input.
     */
    void setRecurrentInput(int t, int firstRow, int endRow, double[] h, int offset, double[] mask);

    /** Rows [firstRow, endRow) of step t's recurrent and input pre-activations, [B, G·H] each. */
    void stepPreActivations(int t, int firstRow, int endRow, double[] zr, double[] zx);

    /** Zeroes the gate gradients of the first {@code stepCount} steps (outside a TBPTT window). */
    void clearGateGradients(int stepCount);

    /**
     * Keeps rows [firstRow, endRow) of step t's gate gradients (the recurrent ones are the same array when the cell
     * has no separate part).
     */
    void storeGateGradients(int t, int firstRow, int endRow, double[] dzx, double[] dzr);

    /**
     * Rows [firstRow, endRow) of dL/dh_{t-1} = dzr·RWᵀ for step t's recurrent gate gradients, [B, H]; called right
     * after {@link #storeGateGradients} for the same step and rows, with the same {@code dzr}.
     */
    void recurrentGradient(int t, int firstRow, int endRow, double[] dzr, double[] target);

    /** dWᵀ and dRWᵀ over all steps, into the gradient views' transposes. */
    void weightGradients(MatrixBlock inputWeightGradT, MatrixBlock recurrentWeightGradT);

    /** dX = dZx·W over all steps, time-major [T·B, nIn]. */
    void inputGradient(MatrixBlock target);
}
