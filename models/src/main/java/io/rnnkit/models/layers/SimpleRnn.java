package io.rnnkit.models.layers;

import io.rnnkit.core.UserInputException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Fused Elman RNN layer, h_t = act(x_t·W + h_{t−1}·RW + b) with act TANH (default) or RELU; a
 * drop-in for DL4J's {@code recurrent.SimpleRnn} with the same {@code W} [nIn, H], {@code RW} [H, H],
 * {@code b} [1, H] parameters.
 */
public class SimpleRnn extends FusedRecurrentLayer {

    /** For JSON deserialization. */
    protected SimpleRnn() {
        // for JSON deserialization
    }

    private SimpleRnn(Builder builder) {
        super(builder);
    }

    @Override
    RecurrentCell newCell() {
        return new SimpleRnnCell(requireSupported(getActivationFn()) instanceof ActivationReLU);
    }

    @Override
    public int gateCount() {
        return 1;
    }

    private static IActivation requireSupported(IActivation activation) {
        if (activation instanceof ActivationTanH || activation instanceof ActivationReLU) {
            return activation;
        }
        throw new UserInputException("SimpleRnn activation must be TANH or RELU, got " + activation);
    }

    /** Builder for {@link SimpleRnn}. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public SimpleRnn build() {
            validate("SimpleRnn");
            requireSupported(activationFn);
            if (gateActivation != GateActivation.SIGMOID) {
                throw new UserInputException("SimpleRnn has no gates, so gateActivation does not apply; got "
                        + gateActivation);
            }
            return new SimpleRnn(this);
        }
    }
}
