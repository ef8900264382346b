package io.rnnkit.benchmarks;

/**
 * One benchmark shape: a stack of identical recurrent layers followed by a softmax output layer.
 *
 * <p>Inputs are dense vectors of size {@code inputSize} per time step (standing in for an embedding
 * output, or a one-hot character); every peer gets the same shapes.
 *
 * @param config config id, e.g. "A"
 * @param kind training, sampling or inference
 * @param cell recurrent cell type
 * @param layers number of stacked recurrent layers
 * @param hidden hidden size H of each layer
 * @param inputSize input size I of the first layer
 * @param timeSteps T, the sequence length of one step (for sampling: tokens sampled per step)
 * @param batch mini-batch size
 * @param vocab size of the softmax output
 */
public record Workload(
        String config,
        WorkloadKind kind,
        CellType cell,
        int layers,
        int hidden,
        int inputSize,
        int timeSteps,
        int batch,
        int vocab) {

    /** Validates every size. */
    public Workload {
        requirePositive("layers", layers);
        requirePositive("hidden", hidden);
        requirePositive("inputSize", inputSize);
        requirePositive("timeSteps", timeSteps);
        requirePositive("batch", batch);
        requirePositive("vocab", vocab);
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /** Tokens processed by one step: batch × T. */
    public long tokensPerStep() {
        return (long) batch * timeSteps;
    }

    /** Forward FLOPs per token: all recurrent layers plus the 2·H·V output projection. */
    public double forwardFlopsPerToken() {
        double flops = 0;
        for (int layer = 0; layer < layers; layer++) {
            flops += cell.forwardFlopsPerToken(layer == 0 ? inputSize : hidden, hidden);
        }
        return flops + 2.0 * hidden * vocab;
    }

    /** FLOPs of one step: forward FLOPs × tokens, ×3 for training (forward + two backward GEMMs). */
    public double flopsPerStep() {
        double factor = kind == WorkloadKind.TRAINING ? 3.0 : 1.0;
        return factor * forwardFlopsPerToken() * tokensPerStep();
    }

    /** Short description such as "2×LSTM 200, I200, T35, B20, V10000". */
    public String describe() {
        return layers + "×" + cell.label() + " " + hidden + ", I" + inputSize + ", T" + timeSteps
                + ", B" + batch + ", V" + vocab;
    }
}
