package io.rnnkit.models.layers.output;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * Parameters of {@link SoftmaxCrossEntropyOutput}: {@code W} [nIn, nOut] ('f' order) then {@code b}
 * [nOut], the layout of DL4J's {@code RnnOutputLayer}, so parameter vectors copy between the two.
 */
public final class SoftmaxCrossEntropyParamInitializer extends DefaultParamInitializer {

    static final SoftmaxCrossEntropyParamInitializer INSTANCE = new SoftmaxCrossEntropyParamInitializer();

    private SoftmaxCrossEntropyParamInitializer() {
    }

    @Override
    protected boolean hasBias(Layer layer) {
        return true;
    }

    @Override
    protected boolean hasLayerNorm(Layer layer) {
        return false;
    }
}
