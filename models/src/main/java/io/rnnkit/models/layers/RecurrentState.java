package io.rnnkit.models.layers;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hidden state that {@code stateful} rnnkit layers carry between training passes: a trainer calls
 * {@link #reset} at the start of each epoch, and keeps {@link #save}'s copy in a mid-epoch checkpoint.
 */
public final class RecurrentState {

    private static final String H = ".h";
    private static final String C = ".c";

    private RecurrentState() {
    }

    /**
     * Clears the carried state of every rnnkit recurrent layer in the network, wrappers included.
     *
     * @param net a {@code MultiLayerNetwork} or {@code ComputationGraph}
     */
    public static void reset(Model net) {
        forEachLayer(net, (name, layer) -> layer.resetCarriedState());
    }

    /**
     * Copies of the carried state, named by layer position ("1.h", "0.fwd.c"); layers carrying nothing are
     * left out.
     *
     * @param net a {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @return the arrays by name, in layer order
     */
    public static Map<String, INDArray> save(Model net) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        forEachLayer(net, (name, layer) -> {
            INDArray[] state = layer.carriedState();
            if (state[0] != null) {
                arrays.put(name + H, state[0].dup());
            }
            if (state[1] != null) {
                arrays.put(name + C, state[1].dup());
            }
        });
        return arrays;
    }

    /**
     * Carries the arrays from {@link #save} into the next training pass of a network with the same layers.
     *
     * @param net a {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @param arrays what {@link #save} returned; a layer with no entry carries nothing
     */
    public static void restore(Model net, Map<String, INDArray> arrays) {
        forEachLayer(net, (name, layer) -> layer.carryState(arrays.get(name + H), arrays.get(name + C)));
    }

    private static void forEachLayer(Model net, BiConsumer<String, FusedRecurrentLayerImpl> action) {
        Layer[] layers;
        if (net instanceof MultiLayerNetwork mln) {
            layers = mln.getLayers();
        } else if (net instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else if (net instanceof Layer layer) {
            layers = new Layer[] {layer};
        } else {
            throw new IllegalArgumentException("Cannot reach the recurrent state of " + net.getClass().getName());
        }
        for (int i = 0; i < layers.length; i++) {
            visit(Integer.toString(i), layers[i], action);
        }
    }

    private static void visit(String name, Layer layer, BiConsumer<String, FusedRecurrentLayerImpl> action) {
        if (layer instanceof FusedRecurrentLayerImpl fused) {
            action.accept(name, fused);
        } else if (layer instanceof BaseWrapperLayer wrapper) {
            visit(name, wrapper.getUnderlying(), action);
        } else if (layer instanceof BidirectionalLayer bidirectional) {
            // DL4J's BidirectionalLayer has no getters for its two directions
            visit(name + ".fwd", directionOf(bidirectional, "fwd"), action);
            visit(name + ".bwd", directionOf(bidirectional, "bwd"), action);
        }
    }

    private static Layer directionOf(BidirectionalLayer layer, String field) {
        try {
            Field f = BidirectionalLayer.class.getDeclaredField(field);
            f.setAccessible(true);
            return (Layer) f.get(layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot reach the " + field + " direction of a Bidirectional layer", e);
        }
    }
}
