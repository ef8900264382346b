package io.rnnkit.apps.tasks;

import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A per-step output layer that passes its input through unchanged, so task-metric tests choose the predictions. */
final class IdentityNetwork {

    private IdentityNetwork() {
    }

    /** Predictions [N, width, T] equal to the features. */
    static MultiLayerNetwork perStep(int width) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(width)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.setParam("0_W", Nd4j.eye(width).castTo(DataType.DOUBLE));
        net.setParam("0_b", Nd4j.zeros(DataType.DOUBLE, 1, width));
        return net;
    }

    /** The batches, served in order. */
    static MultiDataSetIterator batches(DataSet... batches) {
        return new MultiDataSetIteratorAdapter(new ListDataSetIterator<>(List.of(batches), 1));
    }
}
