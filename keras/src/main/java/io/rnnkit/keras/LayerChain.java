package io.rnnkit.keras;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns an imported graph that is a plain chain of layers (one input, one output, each layer reading the one
 * before it, preprocessor vertices such as Flatten's folded into the next layer) into the equivalent
 * {@link MultiLayerNetwork} with the same parameters, which rnnkit's text sampling and language-model
 * evaluation need.
 */
public final class LayerChain {

    private LayerChain() {
    }

    /** The graph as a MultiLayerNetwork, or empty when it is not a chain (go_backwards, several inputs, ...). */
    public static Optional<MultiLayerNetwork> toMultiLayerNetwork(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            return Optional.empty();
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        String previous = conf.getNetworkInputs().get(0);
        InputPreProcessor pending = null;
        int index = 0;
        for (int vertexIndex : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[vertexIndex].getVertexName();
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(name);
            if (inputs.size() != 1 || !inputs.get(0).equals(previous)) {
                return Optional.empty();
            }
            if (vertex instanceof PreprocessorVertex preprocessor && pending == null) {
                pending = preprocessor.getPreProcessor();
            } else if (vertex instanceof LayerVertex layer && (pending == null || layer.getPreProcessor() == null)) {
                list.layer(index, layer.getLayerConf().getLayer().clone());
                InputPreProcessor preProcessor = pending != null ? pending : layer.getPreProcessor();
                if (preProcessor != null) {
                    list.inputPreProcessor(index, preProcessor);
                }
                index++;
                pending = null;
            } else {
                return Optional.empty();
            }
            previous = name;
        }
        if (pending != null || index == 0) {
            return Optional.empty();
        }
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        network.setParams(graph.params());
        return Optional.of(network);
    }
}
