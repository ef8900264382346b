package io.rnnkit.models.regularization;

import io.rnnkit.core.UserInputException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link EmbeddingSequenceLayer} (index input [batch, 1, time], NCW output, no bias) with
 * embedding dropout as in AWD-LSTM: in each training pass every row of the embedding matrix, that is
 * every word of the vocabulary, is kept with probability {@code wordKeep} and scaled by 1/keep, or
 * dropped for all its occurrences in the batch. Inference uses the matrix as it is.
 */
public class WordDropoutEmbedding extends EmbeddingSequenceLayer {

    /** The probability of keeping a word's row in a training pass; 1 for none dropped. */
    private double wordKeep = 1.0;

    /** For JSON deserialization. */
    protected WordDropoutEmbedding() {
        setInferInputLength(true);
    }

    /**
     * An embedding of {@code vocabulary} words into {@code width} features, keeping each word with {@code wordKeep}.
     *
     * @param vocabulary number of words (rows of the matrix)
     * @param width      features per word
     * @param wordKeep   probability in (0, 1] of keeping a word's row in a training pass
     */
    public WordDropoutEmbedding(int vocabulary, int width, double wordKeep) {
        this();
        if (!(wordKeep > 0.0 && wordKeep <= 1.0)) {
            throw new UserInputException("embedding dropout is a keep probability and must be in (0, 1], got " + wordKeep);
        }
        setNIn(vocabulary);
        setNOut(width);
        setHasBias(false);
        setOutputFormat(RNNFormat.NCW);
        setActivationFn(new org.nd4j.linalg.activations.impl.ActivationIdentity());
        this.wordKeep = wordKeep;
    }

    /**
     * The probability of keeping a word's row in a training pass.
     *
     * @return the keep probability, 1 for no embedding dropout
     */
    public double getWordKeep() {
        return wordKeep;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        WordDropoutEmbeddingImpl layer = new WordDropoutEmbeddingImpl(conf, networkDataType, wordKeep);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WordDropoutEmbedding other && super.equals(o) && wordKeep == other.wordKeep;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), wordKeep);
    }
}
