package io.rnnkit.models.layers;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.VectorApi;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration shared by rnnkit's fused recurrent layers ({@link SimpleRnn}, {@link Lstm},
 * {@link Gru}): a DL4J recurrent layer whose one implementation, {@link FusedRecurrentLayerImpl},
 * runs the whole sequence with one input GEMM, one recurrent GEMM per step and fused gate math.
 *
 * <p>Parameters: {@code W} [nIn, G·H], {@code RW} [H, G·H], {@code b} [1, G·H] (stored 'f' order,
 * in that order in the flat parameter vector, exactly as DL4J's own recurrent layers), plus
 * {@code RB} [1, H] for the GRU. Input is [batch, features, time] (NCW) or, with
 * {@code dataFormat(RNNFormat.NWC)}, [batch, time, features].
 *
 * <p>Options beyond DL4J's: {@code recurrentDropOut(keep)} (variational dropout on h, one mask per
 * sequence, training only), {@code weightDropOut(keep)} (DropConnect on RW, one mask per training pass),
 * {@code gateActivation(...)} (LSTM and GRU) and {@code stateful(true)}: in training the layer starts each forward pass
 * from the last hidden state of the previous training pass (detached: no gradient flows across
 * mini-batches), so state carries from one {@code fit()} call to the next. DL4J's
 * {@code rnnClearPreviousState()} (which {@code fit()} calls) does not clear it; call
 * {@link RecurrentState#reset} (e.g. at each epoch start). It also resets when the batch size changes.
 * {@code inputGradient(false)} is for a network's first layer, whose input is data: backprop then returns no
 * gradient for the input (null, as DL4J's embedding layers do), which {@code fit()} would discard, and saves its GEMM.
 * Not inside DL4J's {@code Bidirectional}, which adds the two directions' input gradients.
 */
public abstract class FusedRecurrentLayer extends BaseRecurrentLayer {

    /** Keep probability of the variational recurrent dropout; 1 means none. */
    protected double recurrentDropOut = 1.0;
    /** Whether training carries the hidden state from one forward pass to the next. */
    protected boolean stateful;
    /** The activation of the gates (LSTM and GRU). */
    protected GateActivation gateActivation = GateActivation.SIGMOID;
    /** Keep probability of each recurrent weight under DropConnect (weight drop); 1 means none. */
    protected double weightDropOut = 1.0;
    /** Whether backprop returns the gradient for the layer's input (off for a first layer reading data). */
    protected boolean inputGradient = true;

    /** For JSON deserialization. */
    protected FusedRecurrentLayer() {
        // for JSON deserialization
    }

    /** @param builder the validated builder whose fields this layer takes */
    protected FusedRecurrentLayer(Builder<?> builder) {
        super(builder);
        this.recurrentDropOut = builder.recurrentDropOut;
        this.stateful = builder.stateful;
        this.gateActivation = builder.gateActivation;
        this.weightDropOut = builder.weightDropOut;
        this.inputGradient = builder.inputGradient;
    }

    /** A fresh cell doing this layer's step math. */
    abstract RecurrentCell newCell();

    /**
     * Number of gate blocks G.
     *
     * @return 1 for the SimpleRnn, 4 for the LSTM, 3 for the GRU
     */
    public abstract int gateCount();

    /**
     * Whether the layer has the extra recurrent bias {@code RB} (GRU).
     *
     * @return true when the parameters include {@code RB}
     */
    public boolean hasRecurrentBias() {
        return false;
    }

    /**
     * Sets the bias view [1, G·H] to its initial values; LSTM overrides it for the forget gate.
     *
     * @param bias the view of {@code b} in the parameter vector
     */
    protected void initializeBias(INDArray bias) {
        bias.assign(getBiasInit());
    }

    /** @return the keep probability of the variational recurrent dropout, 1 for none */
    public double getRecurrentDropOut() {
        return recurrentDropOut;
    }

    /** @return whether training carries the hidden state from one forward pass to the next */
    public boolean isStateful() {
        return stateful;
    }

    /** @return the activation of the gates (LSTM and GRU) */
    public GateActivation getGateActivation() {
        return gateActivation;
    }

    /** @return the keep probability of each recurrent weight under DropConnect, 1 for none */
    public double getWeightDropOut() {
        return weightDropOut;
    }

    /** @return whether backprop returns the gradient for the layer's input */
    public boolean isInputGradient() {
        return inputGradient;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        VectorApi.warnIfMissing();
        requirePositive("nIn", getNIn(), layerIndex);
        requirePositive("nOut", getNOut(), layerIndex);
        if (getWeightNoise() != null) {
            throw new UserInputException(getClass().getSimpleName() + " (layer " + layerIndex
                    + ") weightNoise is not supported by rnnkit's fused layers; remove it or use dropOut");
        }
        FusedRecurrentLayerImpl layer = new FusedRecurrentLayerImpl(conf, networkDataType, newCell());
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    private void requirePositive(String field, long value, int layerIndex) {
        if (value <= 0) {
            throw new UserInputException(getClass().getSimpleName() + " (layer " + layerIndex + ", name "
                    + getLayerName() + ") " + field + " must be > 0, got " + value
                    + (field.equals("nIn") ? "; set nIn or give the network an input type" : ""));
        }
    }

    @Override
    public ParamInitializer initializer() {
        return FusedRecurrentParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(numParams, 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FusedRecurrentLayer other) || !super.equals(o)) {
            return false;
        }
        return recurrentDropOut == other.recurrentDropOut && stateful == other.stateful
                && gateActivation == other.gateActivation && weightDropOut == other.weightDropOut
                && inputGradient == other.inputGradient;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), recurrentDropOut, stateful, gateActivation, weightDropOut, inputGradient);
    }

    /**
     * Builder shared by the fused layers; {@link #build} validates and throws
     * {@link UserInputException} naming the bad field.
     */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {

        /** Keep probability of the variational recurrent dropout; 1 for none. */
        protected double recurrentDropOut = 1.0;
        /** Whether training carries the hidden state across forward passes. */
        protected boolean stateful;
        /** The activation of the gates (LSTM and GRU). */
        protected GateActivation gateActivation = GateActivation.SIGMOID;
        /** Keep probability of each recurrent weight under DropConnect; 1 for none. */
        protected double weightDropOut = 1.0;
        /** Whether backprop returns the gradient for the layer's input. */
        protected boolean inputGradient = true;

        /** A builder with the tanh activation. */
        protected Builder() {
            this.activationFn = new ActivationTanH();
        }

        /**
         * Input dropout with DL4J's keep-probability semantics: each input value is kept with
         * probability {@code keepProbability} in (0, 1]; 1 means no dropout.
         */
        @Override
        @SuppressWarnings("unchecked")
        public T dropOut(double keepProbability) {
            requireKeepProbability("dropOut", keepProbability);
            return keepProbability == 1.0 ? dropOut((org.deeplearning4j.nn.conf.dropout.IDropout) null)
                    : dropOut(new Dropout(keepProbability));
        }

        /**
         * Variational dropout on the recurrent input h: keep probability in (0, 1], one mask per sequence.
         *
         * @param keepProbability the probability of keeping each unit of h; 1 for none
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T recurrentDropOut(double keepProbability) {
            requireKeepProbability("recurrentDropOut", keepProbability);
            this.recurrentDropOut = keepProbability;
            return (T) this;
        }

        /**
         * DropConnect on the recurrent weights (AWD-LSTM's weight drop): in each training pass every entry
         * of RW is kept with probability {@code keepProbability} in (0, 1] (and scaled by its inverse),
         * one mask for the whole sequence; 1 means none.
         *
         * @param keepProbability the probability of keeping each recurrent weight
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T weightDropOut(double keepProbability) {
            requireKeepProbability("weightDropOut", keepProbability);
            this.weightDropOut = keepProbability;
            return (T) this;
        }

        /**
         * Carry the hidden state across training forward passes (see {@link FusedRecurrentLayer}).
         *
         * @param stateful true to carry it
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T stateful(boolean stateful) {
            this.stateful = stateful;
            return (T) this;
        }

        /**
         * Whether backprop returns the gradient for the layer's input (true by default). Turn it off for a network's
         * first layer, whose input is data and needs none: backprop then returns null for it and skips its product.
         * Not for a layer inside DL4J's {@code Bidirectional}.
         *
         * @param inputGradient false to skip it
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T inputGradient(boolean inputGradient) {
            this.inputGradient = inputGradient;
            return (T) this;
        }

        /**
         * The activation of the gates (LSTM and GRU; the SimpleRnn has none): sigmoid by default.
         *
         * @param activation {@link GateActivation#SIGMOID} or {@link GateActivation#HARD_SIGMOID}
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public T gateActivation(GateActivation activation) {
            if (activation == null) {
                throw new UserInputException("gateActivation must be SIGMOID or HARD_SIGMOID, got null");
            }
            this.gateActivation = activation;
            return (T) this;
        }

        /**
         * Checks the sizes common to all fused layers.
         *
         * @param layerType the layer's name in error messages
         * @throws UserInputException naming the bad size
         */
        protected void validate(String layerType) {
            if (nOut <= 0) {
                throw new UserInputException(layerType + " nOut must be > 0, got " + nOut);
            }
            if (nIn < 0) {
                throw new UserInputException(layerType + " nIn must be > 0 (or unset, to infer it), got " + nIn);
            }
        }

        private static void requireKeepProbability(String field, double p) {
            if (!(p > 0.0 && p <= 1.0)) {
                throw new UserInputException(field + " is a keep probability and must be in (0, 1], got " + p);
            }
        }
    }
}
