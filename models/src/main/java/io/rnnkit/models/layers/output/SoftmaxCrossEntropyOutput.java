package io.rnnkit.models.layers.output;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.VectorApi;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sequence output layer computing softmax + multi-class cross-entropy in one fused pass: a drop-in for
 * DL4J's {@code RnnOutputLayer(LossMCXENT, SOFTMAX)} with the same parameters ({@code W} [nIn, nOut],
 * {@code b} [nOut]), the same score and gradients, and NCW input [batch, nIn, time].
 *
 * <p>Labels are either class indices [batch, 1, time] (no one-hot array needed) or one-hot
 * [batch, nOut, time]; a label mask [batch, time] drops padded steps. Example:
 * {@code new SoftmaxCrossEntropyOutput.Builder().nIn(200).nOut(10000).build()}.
 */
public class SoftmaxCrossEntropyOutput extends FeedForwardLayer {

    /** For JSON deserialization. */
    protected SoftmaxCrossEntropyOutput() {
        // for JSON deserialization
    }

    private SoftmaxCrossEntropyOutput(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        VectorApi.warnIfMissing();
        String where = "SoftmaxCrossEntropyOutput (layer " + layerIndex + ", name " + getLayerName() + ") ";
        if (getNIn() <= 0) {
            throw new UserInputException(where + "nIn must be > 0, got " + getNIn()
                    + "; set nIn or give the network an input type");
        }
        if (getWeightNoise() != null) {
            throw new UserInputException(where + "weightNoise is not supported, got " + getWeightNoise());
        }
        SoftmaxCrossEntropyOutputImpl layer = new SoftmaxCrossEntropyOutputImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return SoftmaxCrossEntropyParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(nOut, recurrent(inputType, layerIndex).getTimeSeriesLength());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = recurrent(inputType, -1).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
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

    private InputType.InputTypeRecurrent recurrent(InputType inputType, int layerIndex) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new UserInputException("SoftmaxCrossEntropyOutput (layer " + layerIndex + ", name " + getLayerName()
                    + ") needs recurrent input [batch, features, time], got input type " + inputType);
        }
        return r;
    }

    /** Builder for {@link SoftmaxCrossEntropyOutput}; {@link #build} names any bad field. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        /** A builder with the softmax activation, the only one this layer takes. */
        public Builder() {
            this.activationFn = new ActivationSoftmax();
        }

        @Override
        @SuppressWarnings("unchecked")
        public SoftmaxCrossEntropyOutput build() {
            if (nOut < 2) {
                throw new UserInputException("SoftmaxCrossEntropyOutput nOut (number of classes) must be >= 2, got "
                        + nOut);
            }
            if (nIn < 0) {
                throw new UserInputException("SoftmaxCrossEntropyOutput nIn must be > 0 (or unset, to infer it), got "
                        + nIn);
            }
            if (!(activationFn instanceof ActivationSoftmax)) {
                throw new UserInputException("SoftmaxCrossEntropyOutput activation is always SOFTMAX, got "
                        + activationFn);
            }
            return new SoftmaxCrossEntropyOutput(this);
        }
    }
}
