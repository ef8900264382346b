package io.rnnkit.models.spec;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The training loss, with the output activation that goes with it. */
public enum Loss {
    /** Softmax with multi-class cross-entropy. */
    CROSS_ENTROPY(LossFunction.MCXENT, Activation.SOFTMAX),
    /** Sigmoid with binary cross-entropy, one independent bit per output. */
    BINARY_CROSS_ENTROPY(LossFunction.XENT, Activation.SIGMOID),
    /** Identity output with mean squared error. */
    MSE(LossFunction.MSE, Activation.IDENTITY),
    /** Identity output with mean absolute error. */
    MAE(LossFunction.L1, Activation.IDENTITY);

    private final LossFunction function;
    private final Activation outputActivation;

    Loss(LossFunction function, Activation outputActivation) {
        this.function = function;
        this.outputActivation = outputActivation;
    }

    public LossFunction function() {
        return function;
    }

    public Activation outputActivation() {
        return outputActivation;
    }

    public boolean isClassification() {
        return this == CROSS_ENTROPY || this == BINARY_CROSS_ENTROPY;
    }
}
