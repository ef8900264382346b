package io.rnnkit.benchmarks;

/**
 * A recurrent cell kind, with its gate count and forward FLOPs per token per layer.
 *
 * <p>FLOP convention (the project's DESIGN.md): a cell with G gates costs 2·G·H·(I+H) forward
 * FLOPs per token per layer, i.e. LSTM 8·H·(I+H), GRU 6·H·(I+H), SimpleRnn 2·H·(I+H); element-wise
 * gate math is not counted.
 */
public enum CellType {
    /** Elman RNN, tanh activation, one gate block. */
    SIMPLE_RNN("SimpleRnn", 1),
    /** Long short-term memory, four gate blocks. */
    LSTM("LSTM", 4),
    /** Gated recurrent unit (cuDNN/PyTorch formulation), three gate blocks. */
    GRU("GRU", 3);

    private final String label;
    private final int gates;

    CellType(String label, int gates) {
        this.label = label;
        this.gates = gates;
    }

    /** Human-readable name used in reports. */
    public String label() {
        return label;
    }

    /** Number of H-sized gate blocks in the cell's weight matrices. */
    public int gates() {
        return gates;
    }

    /** Forward FLOPs for one token through one layer with input size {@code in} and hidden size {@code hidden}. */
    public double forwardFlopsPerToken(int in, int hidden) {
        return 2.0 * gates * hidden * (double) (in + hidden);
    }
}
