package io.rnnkit.models.layers;

/**
 * The math of one recurrent step on a whole mini-batch block; {@link FusedRecurrentLayerImpl} owns
 * the time loop, GEMMs, masks, dropout and state.
 *
 * <p>Gate pre-activations arrive as two row-major [rows, gates·hidden] blocks: {@code zx} (input
 * projection, without bias) and {@code zr} (recurrent projection). A cell writes its raw new state,
 * keeps what its backward step needs in its cache, and on the way back turns dL/dh (and dL/dc)
 * into gate gradients.
 */
interface RecurrentCell {

    /** Number of gate blocks G in the [.., G·H] weight layout. */
    int gates();

    /** Whether the cell carries a memory cell c besides h (LSTM). */
    default boolean hasCellState() {
        return false;
    }

    /**
     * Whether the recurrent projection gets its own gradient block (GRU, whose candidate gate
     * multiplies the recurrent term by r) and a separate recurrent bias of [1, H].
     */
    default boolean hasSeparateRecurrentPart() {
        return false;
    }

    /**
     * Whether part of the recurrent product takes an input gated by this step's own gates (the GRU with the
     * reset gate before the product): the loop then runs {@link #forwardGates}, a {@link ResetGatedProduct},
     * {@link #forward}, and backward {@link #backward}, the product's backward and {@link #backwardGates}.
     */
    default boolean gatesRecurrentInput() {
        return false;
    }

    /** The first half of a forward step of a cell that {@link #gatesRecurrentInput() gates its recurrent input}. */
    default void forwardGates(StepBuffers s, int firstRow, int endRow) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has a one-part step");
    }

    /** The second half of a backward step of a cell that {@link #gatesRecurrentInput() gates its recurrent input}. */
    default void backwardGates(StepBuffers s, int firstRow, int endRow) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has a one-part step");
    }

    /** Doubles per (row, hidden unit) kept for the backward step. */
    int cacheWidth();

    /** The forward step for rows [firstRow, endRow) of the block; rows are independent, so splits may run in parallel. */
    void forward(StepBuffers s, int firstRow, int endRow);

    /** The backward step for rows [firstRow, endRow) of the block. */
    void backward(StepBuffers s, int firstRow, int endRow);

    /**
     * Whether the cell has float steps ({@link #forward(FloatStepBuffers, int, int)} and its backward), which float
     * networks' heap path runs ({@link FloatSequenceLoops}); a cell without them runs its double steps there too.
     */
    default boolean hasFloatSteps() {
        return false;
    }

    /** {@link #forward(StepBuffers, int, int)} in float, for a cell that {@link #hasFloatSteps() has float steps}. */
    default void forward(FloatStepBuffers s, int firstRow, int endRow) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no float step");
    }

    /** {@link #backward(StepBuffers, int, int)} in float, for a cell that {@link #hasFloatSteps() has float steps}. */
    default void backward(FloatStepBuffers s, int firstRow, int endRow) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no float step");
    }

    default void forward(StepBuffers s) {
        forward(s, 0, s.rows);
    }

    default void backward(StepBuffers s) {
        backward(s, 0, s.rows);
    }
}
