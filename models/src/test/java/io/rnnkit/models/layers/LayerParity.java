package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
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

    /**
     * As {@link #assertSameOutputsAndGradients}, but {@code actual} may be a FLOAT network (it gets the
     * data cast to its type) and the bound is relative: each array's largest difference over the
     * reference's largest entry, the score's difference over the score.
     */
    static void assertMatchesReference(MultiLayerNetwork reference, MultiLayerNetwork actual, INDArray x,
                                       INDArray y, INDArray mask, double relativeTolerance) {
        DataType type = actual.params().dataType();
        INDArray xa = x.castTo(type);
        INDArray ya = y.castTo(type);
        INDArray ma = mask == null ? null : mask.castTo(type);
        INDArray outActual = actual.output(xa, false, ma, ma);
        assertThat(outActual.dataType()).isEqualTo(type);
        assertThat(relativeError(reference.output(x, false, mask, mask), outActual)).as("outputs")
                .isLessThan(relativeTolerance);

        reference.setInput(x);
        reference.setLabels(y);
        reference.setLayerMaskArrays(mask, mask);
        reference.computeGradientAndScore();
        actual.setInput(xa);
        actual.setLabels(ya);
        actual.setLayerMaskArrays(ma, ma);
        actual.computeGradientAndScore();
        assertThat(Math.abs(reference.score() - actual.score()) / reference.score()).as("score")
                .isLessThan(relativeTolerance);
        INDArray gReference = reference.gradient().gradient();
        INDArray gActual = actual.gradient().gradient();
        assertThat(gActual.length()).isEqualTo(gReference.length());
        assertThat(gReference.norm2Number().doubleValue()).isGreaterThan(1e-2);
        for (String key : reference.paramTable().keySet()) {
            assertThat(relativeError(reference.gradient().getGradientFor(key), actual.gradient().getGradientFor(key)))
                    .as("gradient %s", key).isLessThan(relativeTolerance);
        }
    }

    /**
     * Gives {@code ours} the stock network's parameters and compares the two on the data: ours in
     * {@code type} (FLOAT through {@link RecurrentTestNets#floatCopy}), the stock one always in double.
     * For FLOAT, the parameters and the input are first rounded to float, so only arithmetic differs.
     */
    static void assertMatchesStock(MultiLayerNetwork stock, MultiLayerNetwork ours, DataType type, INDArray x,
                                   INDArray y, INDArray mask, double relativeTolerance) {
        assertThat(ours.numParams()).isEqualTo(stock.numParams());
        INDArray input = x;
        if (type == DataType.FLOAT) {
            RecurrentTestNets.roundParamsToFloat(stock);
            input = RecurrentTestNets.roundedToFloat(x);
        }
        ours.setParams(stock.params());
        MultiLayerNetwork tested = type == DataType.FLOAT ? RecurrentTestNets.floatCopy(ours) : ours;
        assertMatchesReference(stock, tested, input, y, mask, relativeTolerance);
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** max |actual − expected| / max |expected|, in double. */
    static double relativeError(INDArray expected, INDArray actual) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = e.amaxNumber().doubleValue();
        assertThat(scale).as("reference scale").isGreaterThan(0.0);
        return maxAbsDiff(e, actual.castTo(DataType.DOUBLE)) / scale;
    }
}
