package io.rnnkit.models.sampling;

import io.rnnkit.core.UserInputException;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** How a language model takes its input symbols: one-hot [1, V, T] or ids [1, 1, T] for an embedding layer. */
enum InputEncoding {

    ONE_HOT,
    INDEX;

    /** The encoding the network's first layer expects, checked against the vocabulary size. */
    static InputEncoding of(MultiLayerNetwork network, int vocabularySize) {
        Layer first = network.getLayerWiseConfigurations().getConf(0).getLayer();
        int inputs = network.layerInputSize(0);
        if (inputs != vocabularySize) {
            throw new UserInputException("--model: the first layer takes " + inputs + " symbols but the vocabulary has "
                    + vocabularySize);
        }
        return first instanceof EmbeddingSequenceLayer || first instanceof EmbeddingLayer ? INDEX : ONE_HOT;
    }

    /** One minibatch row holding {@code ids} as consecutive time steps. */
    INDArray encode(int[] ids, int vocabularySize, DataType type) {
        if (this == INDEX) {
            INDArray input = Nd4j.zeros(type, 1, 1, ids.length);
            for (int t = 0; t < ids.length; t++) {
                input.putScalar(new long[] {0, 0, t}, ids[t]);
            }
            return input;
        }
        INDArray input = Nd4j.zeros(type, 1, vocabularySize, ids.length);
        for (int t = 0; t < ids.length; t++) {
            input.putScalar(new long[] {0, ids[t], t}, 1.0);
        }
        return input;
    }
}
