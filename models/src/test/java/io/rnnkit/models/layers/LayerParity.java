package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Compares two networks with identical parameters: outputs, score and every gradient. */
final class LayerParity {

    static final double TOLERANCE = 1e-5;

    private LayerParity() {
    }

    static void assertSameOutputsAndGradients(MultiLayerNetwork expected, MultiLayerNetwork actual, INDArray x,
                                              INDArray y, INDArray mask) {
        INDArray outExpected = expected.output(x, false, mask, mask);
        INDArray outActual = actual.output(x, false, mask, mask);
        assertThat(maxAbsDiff(outExpected, outActual)).isLessThan(TOLERANCE);

        for (MultiLayerNetwork net : new MultiLayerNetwork[] {expected, actual}) {
            net.setInput(x);
            net.setLabels(y);
            net.setLayerMaskArrays(mask, mask);
            net.computeGradientAndScore();
        }
        assertThat(Math.abs(expected.score() - actual.score())).isLessThan(TOLERANCE);
        INDArray gExpected = expected.gradient().gradient();
        INDArray gActual = actual.gradient().gradient();
        assertThat(gActual.length()).isEqualTo(gExpected.length());
        assertThat(gExpected.norm2Number().doubleValue()).isGreaterThan(1e-3);
        assertThat(maxAbsDiff(gExpected, gActual)).isLessThan(TOLERANCE);
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
