package io.rnnkit.keras;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Imported chains become MultiLayerNetworks with the same outputs; graphs with other vertices do not. */
class LayerChainTest {

    @Test
    void chainsBecomeMultiLayerNetworksWithTheSameOutputs() {
        for (String name : new String[] {"lstm_flatten", "gru_stacked", "gru_embedding", "lstm_embedding_mask_zero"}) {
            ComputationGraph graph = KerasImport.importModel(TfjsReferenceTest.FIXTURES.resolve(name + "_model.h5"));
            MultiLayerNetwork network = LayerChain.toMultiLayerNetwork(graph).orElseThrow();
            assertThat(network.numParams()).isEqualTo(graph.numParams());
            INDArray input = name.contains("embedding")
                    ? Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5, 6, 7, 1, 0}, {3, 3, 3, 3, 3, 3, 3, 0, 0}})
                    : Nd4j.rand(DataType.FLOAT, 2, 3, name.contains("flatten") ? 6 : 11);
            if (name.equals("gru_embedding")) {
                input = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}});
            }
            assertThat(network.output(input)).as(name).isEqualTo(graph.outputSingle(input));
        }
    }

    @Test
    void graphsWithOtherVerticesStayGraphs() {
        ComputationGraph backwards = KerasImport.importModel(TfjsReferenceTest.FIXTURES.resolve("gru_go_backwards_model.h5"));
        assertThat(LayerChain.toMultiLayerNetwork(backwards)).isEmpty();
    }
}
