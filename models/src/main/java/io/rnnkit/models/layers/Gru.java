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
 *
 * <p>{@code resetAfter(false)} applies the reset gate before the recurrent product instead, as Keras's
 * {@code reset_after=False} and ONNX's default {@code linear_before_reset=0} do:
 * {@code n = tanh(x·W_n + b_n + (r ⊙ h')·RW_n + RB)}, with the same parameters.
 */
public class Gru extends FusedRecurrentLayer {

    /** Whether the reset gate multiplies the recurrent product (true, the default) or the state before it. */
    private boolean resetAfter = true;

    /** For JSON deserialization. */
    protected Gru() {
        // for JSON deserialization
    }

    private Gru(Builder builder) {
        super(builder);
        this.resetAfter = builder.resetAfter;
    }

    @Override
    RecurrentCell newCell() {
        return resetAfter ? new GruCell(gateActivation) : new GruResetBeforeCell(gateActivation);
    }

    /** @return true when the reset gate multiplies the recurrent product (cuDNN/PyTorch), false when it gates h' before it */
    public boolean isResetAfter() {
        return resetAfter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gru other && super.equals(o) && resetAfter == other.resetAfter;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(resetAfter);
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

        private boolean resetAfter = true;

        /**
         * True (the default): the reset gate multiplies the candidate's recurrent product, as cuDNN, PyTorch and
         * Keras's {@code reset_after=True} do; false: it gates the previous state before that product, as Keras's
         * {@code reset_after=False} and ONNX's {@code linear_before_reset=0} do.
         *
         * @param resetAfter where the reset gate applies
         * @return this builder
         */
        public Builder resetAfter(boolean resetAfter) {
            this.resetAfter = resetAfter;
            return this;
        }

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
