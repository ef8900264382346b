package io.rnnkit.keras;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code Flatten} of a sequence: [batch, features, time] (DL4J's layout) to [batch, time·features]
 * in Keras's order, where value (t, f) lands at column {@code t·features + f}.
 */
public final class FlattenRnnPreProcessor implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    @JsonProperty("features")
    private final long features;
    @JsonProperty("steps")
    private final long steps;

    /**
     * @param features the size of each time step of the incoming sequence
     * @param steps the length of the incoming sequences
     */
    @JsonCreator
    public FlattenRnnPreProcessor(@JsonProperty("features") long features, @JsonProperty("steps") long steps) {
        this.features = features;
        this.steps = steps;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray flat = input.permute(0, 2, 1).dup('c').reshape('c', input.size(0), input.size(1) * input.size(2));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, flat);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray sequence = output.reshape('c', output.size(0), steps, features).permute(0, 2, 1).dup('c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, sequence);
    }

    @Override
    public InputPreProcessor clone() {
        return new FlattenRnnPreProcessor(features, steps);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(features * steps);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlattenRnnPreProcessor other && other.features == features && other.steps == steps;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(31 * features + steps);
    }
}
