package io.rnnkit.models.layers;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Resets the hidden state that {@code stateful} rnnkit layers carry between training passes; a
 * trainer calls {@link #reset} at the start of each epoch.
 */
public final class RecurrentState {

    private RecurrentState() {
    }

    /** Clears the carried state of every rnnkit recurrent layer in the network, wrappers included. */
    public static void reset(Model net) {
        Layer[] layers;
        if (net instanceof MultiLayerNetwork mln) {
            layers = mln.getLayers();
        } else if (net instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else if (net instanceof Layer layer) {
            layers = new Layer[] {layer};
        } else {
            throw new IllegalArgumentException("Cannot reset recurrent state of " + net.getClass().getName());
        }
        for (Layer layer : layers) {
            resetLayer(layer);
        }
    }

    private static void resetLayer(Layer layer) {
        if (layer instanceof FusedRecurrentLayerImpl fused) {
            fused.resetCarriedState();
        } else if (layer instanceof BaseWrapperLayer wrapper) {
            resetLayer(wrapper.getUnderlying());
        } else if (layer instanceof BidirectionalLayer bidirectional) {
            // DL4J's BidirectionalLayer has no getters for its two directions
            resetLayer(directionOf(bidirectional, "fwd"));
            resetLayer(directionOf(bidirectional, "bwd"));
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
