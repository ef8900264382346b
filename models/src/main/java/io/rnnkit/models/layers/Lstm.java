package io.rnnkit.models.layers;

import io.rnnkit.core.UserInputException;
import java.util.Objects;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Fused LSTM layer, a drop-in for DL4J's {@code LSTM} (tanh activation, sigmoid or hard-sigmoid gates
 * ({@code gateActivation}), no peepholes).
 *
 * <p>Parameter layout exactly as DL4J's {@code LSTM}, so weights copy between the two:
 * {@code W} [nIn, 4H], {@code RW} [H, 4H], {@code b} [1, 4H], gate blocks in the order
 * [a, f, o, i]: block input (tanh), forget, output, input gate. The forget-gate bias starts at
 * {@code forgetGateBiasInit} (default 1.0). Example:
 * {@code new Lstm.Builder().nIn(10).nOut(20).dropOut(0.5).build()}.
 */
public class Lstm extends FusedRecurrentLayer {

    /** The initial value of the forget gate's biases. */
    private double forgetGateBiasInit = 1.0;

    /** For JSON deserialization. */
    protected Lstm() {
        // for JSON deserialization
    }

    private Lstm(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    @Override
    RecurrentCell newCell() {
        return new LstmCell(gateActivation);
    }

    @Override
    public int gateCount() {
        return 4;
    }

    /** @return the initial bias of the forget gate */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    @Override
    protected void initializeBias(INDArray bias) {
        super.initializeBias(bias);
        long h = getNOut();
        bias.get(NDArrayIndex.point(0), NDArrayIndex.interval(h, 2 * h)).assign(forgetGateBiasInit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lstm other && super.equals(o) && forgetGateBiasInit == other.forgetGateBiasInit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), forgetGateBiasInit);
    }

    /** Builder for {@link Lstm}. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {

        private double forgetGateBiasInit = 1.0;

        /**
         * Initial value of the forget-gate biases (DL4J's default 1.0).
         *
         * @param value the value every forget-gate bias starts at
         * @return this builder
         */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Lstm build() {
            validate("Lstm");
            if (!(activationFn instanceof ActivationTanH)) {
                throw new UserInputException("Lstm activation must be TANH (the fused kernel's block input), got "
                        + activationFn);
            }
            return new Lstm(this);
        }
    }
}
