package io.rnnkit.models.layers;

import io.rnnkit.core.UserInputException;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Fused GRU layer (DL4J has none), in the cuDNN/PyTorch formulation with gate order r, z, n:
 * <pre>
 * r  = σ(x·W_r + h'·RW_r + b_r)
 * z  = σ(x·W_z + h'·RW_z + b_z)
 * n  = tanh(x·W_n + b_n + r ⊙ (h'·RW_n + RB))
 * h  = (1 − z) ⊙ n + z ⊙ h'
 * </pre>
 * Parameters: {@code W} [nIn, 3H], {@code RW} [H, 3H], {@code b} [1, 3H] (blocks r, z, n; PyTorch's
 * b_ir + b_hr and b_iz + b_hz summed, b_in for n) and {@code RB} [1, H] (PyTorch's b_hn).
 */
public class Gru extends FusedRecurrentLayer {

    /** For JSON deserialization. */
    protected Gru() {
        // for JSON deserialization
    }

    private Gru(Builder builder) {
        super(builder);
    }

    @Override
    RecurrentCell newCell() {
        return new GruCell(gateActivation);
    }

    @Override
    public int gateCount() {
        return 3;
    }

    @Override
    public boolean hasRecurrentBias() {
        return true;
    }

    /** Builder for {@link Gru}. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            validate("Gru");
            if (!(activationFn instanceof ActivationTanH)) {
                throw new UserInputException("Gru activation must be TANH (the candidate gate's), got " + activationFn);
            }
            return new Gru(this);
        }
    }
}
