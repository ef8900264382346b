package io.rnnkit.models.spec;

import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import io.rnnkit.models.regularization.LockedDropout;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.nd4j.linalg.activations.Activation;

/** Makes one recurrent layer of a spec, rnnkit's or DL4J's, optionally wrapped as bidirectional. */
final class RecurrentLayers {

    private RecurrentLayers() {
    }

    /** A single-direction recurrent layer reading {@code width} features, with input keep probability {@code keep}. */
    static Layer single(ModelSpec spec, int width, double keep, boolean stateful) {
        return single(spec, width, keep, 1.0, stateful, true);
    }

    /**
     * The same, with locked dropout of keep probability {@code lockedKeep} on its input instead of plain dropout
     * where {@code lockedKeep} is below 1, and the spec's weight drop on its recurrent weights. Without
     * {@code inputGradient} an rnnkit layer's backprop skips the gradient for its input (a first layer reading data).
     */
    static Layer single(ModelSpec spec, int width, double keep, double lockedKeep, boolean stateful,
                        boolean inputGradient) {
        Layer layer = plain(spec, width, keep, stateful, inputGradient);
        if (lockedKeep < 1) {
            layer.setIDropout(new LockedDropout(lockedKeep));
        }
        return layer;
    }

    private static Layer plain(ModelSpec spec, int width, double keep, boolean stateful, boolean inputGradient) {
        Activation activation = spec.activation().equals("relu") ? Activation.RELU : Activation.TANH;
        if (spec.implementation() == Implementation.DL4J) {
            return switch (spec.cell()) {
                case SIMPLE -> recurrentInit(spec,
                        new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder())
                        .nIn(width).nOut(spec.hidden()).activation(activation).dropOut(keep).build();
                case LSTM -> recurrentInit(spec, new LSTM.Builder()).nIn(width).nOut(spec.hidden())
                        .activation(Activation.TANH).forgetGateBiasInit(spec.forgetBias()).dropOut(keep).build();
                case GRU -> throw new IllegalStateException("validated in ModelSpec: DL4J has no GRU");
            };
        }
        double weightKeep = spec.regularization().weightDrop();
        return switch (spec.cell()) {
            case SIMPLE -> recurrentInit(spec, new SimpleRnn.Builder()).nIn(width).nOut(spec.hidden())
                    .activation(activation).dropOut(keep).recurrentDropOut(spec.recurrentDropout()).stateful(stateful)
                    .weightDropOut(weightKeep).inputGradient(inputGradient).build();
            case LSTM -> recurrentInit(spec, new Lstm.Builder()).nIn(width).nOut(spec.hidden())
                    .forgetGateBiasInit(spec.forgetBias()).dropOut(keep).recurrentDropOut(spec.recurrentDropout())
                    .stateful(stateful).weightDropOut(weightKeep).inputGradient(inputGradient).build();
            case GRU -> recurrentInit(spec, new Gru.Builder()).nIn(width).nOut(spec.hidden())
                    .dropOut(keep).recurrentDropOut(spec.recurrentDropout()).stateful(stateful).weightDropOut(weightKeep)
                    .inputGradient(inputGradient).build();
        };
    }

    /** Gives the builder the spec's recurrent-weight initialisation where it has one of its own. */
    private static <B extends BaseRecurrentLayer.Builder<B>> B recurrentInit(ModelSpec spec, B builder) {
        spec.weightInit().recurrent().ifPresent(builder::weightInitRecurrent);
        return builder;
    }

    /** Wraps the layer in DL4J's Bidirectional when the spec asks for it. */
    static Layer directional(ModelSpec spec, Layer layer) {
        return switch (spec.bidirectional()) {
            case NONE -> layer;
            case CONCAT -> new Bidirectional(Bidirectional.Mode.CONCAT, layer);
            case ADD -> new Bidirectional(Bidirectional.Mode.ADD, layer);
            case AVERAGE -> new Bidirectional(Bidirectional.Mode.AVERAGE, layer);
        };
    }
}
