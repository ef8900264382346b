package io.rnnkit.models.layers.output;

import static io.rnnkit.models.layers.output.OutputTestNets.CLASSES;
import static io.rnnkit.models.layers.output.OutputTestNets.HIDDEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.TimeMajorArrays;
import io.rnnkit.models.layers.output.OutputTestNets.Recurrent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxCrossEntropyOutputTest {

    private static final int BATCH = 3;
    private static final int STEPS = 4;

    @ParameterizedTest
    @CsvSource({"LSTM, true, false", "LSTM, false, false", "LSTM, true, true", "LSTM, false, true",
        "SIMPLE_RNN, true, true"})
    void passesDl4jGradientCheck(Recurrent recurrent, boolean indexLabels, boolean masked) {
        MultiLayerNetwork net = OutputTestNets.net(DataType.DOUBLE, recurrent, OutputTestNets.fused(), 0.0);
        int[][] targets = OutputTestNets.targets(BATCH, STEPS);
        INDArray labels = indexLabels ? OutputTestNets.indexLabels(DataType.DOUBLE, targets)
                : OutputTestNets.oneHotLabels(DataType.DOUBLE, targets);
        INDArray mask = masked ? OutputTestNets.trailingMask(DataType.DOUBLE, BATCH, STEPS) : null;

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(OutputTestNets.input(DataType.DOUBLE, BATCH, STEPS)).labels(labels).labelMask(mask)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));

        assertThat(ok).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE, false, 0.0, 1e-9", "DOUBLE, true, 0.01, 1e-9", "FLOAT, true, 0.0, 2e-5"})
    void matchesRnnOutputLayerGivenTheSameWeights(DataType type, boolean masked, double l2, double tolerance) {
        MultiLayerNetwork stock = OutputTestNets.net(type, Recurrent.LSTM, OutputTestNets.stock(), l2);
        MultiLayerNetwork fused = OutputTestNets.net(type, Recurrent.LSTM, OutputTestNets.fused(), l2);
        fused.setParams(stock.params());
        int[][] targets = OutputTestNets.targets(BATCH, STEPS);
        INDArray x = OutputTestNets.input(type, BATCH, STEPS);
        INDArray mask = masked ? OutputTestNets.trailingMask(type, BATCH, STEPS) : null;
        DataSet stockData = new DataSet(x, OutputTestNets.oneHotLabels(type, targets), null, mask);
        DataSet fusedData = new DataSet(x, OutputTestNets.indexLabels(type, targets), null, mask);

        double stockScore = stock.score(stockData);
        assertThat(stockScore).isGreaterThan(1.0);
        assertThat(fused.score(fusedData)).isCloseTo(stockScore, within(tolerance * 10));
        assertClose(fused.scoreExamples(fusedData, true), stock.scoreExamples(stockData, true), tolerance * 10);
        assertClose(fused.output(x, false, null, mask), stock.output(x, false, null, mask), tolerance);

        INDArray stockGradient = gradient(stock, stockData);
        double stockTrainScore = stock.score();
        INDArray fusedGradient = gradient(fused, fusedData);
        assertThat(stockGradient.norm2Number().doubleValue()).isGreaterThan(0.1);
        assertClose(fusedGradient, stockGradient, tolerance * 10);
        assertThat(fused.score()).isCloseTo(stockTrainScore, within(tolerance * 10));
    }

    /**
     * 33 and 47 classes fill two float vectors (16 lanes on AVX-512) and leave tails of 1 and 15. The
     * fused network (in FLOAT: its LSTM and softmax kernels in float) against a DOUBLE network with an
     * RnnOutputLayer holding the same weights; for FLOAT, weights and input are rounded to float first,
     * so only arithmetic differs. Tolerances are relative to each array's largest entry.
     */
    @ParameterizedTest
    @CsvSource({"DOUBLE, 33, 1e-12, 3, 4", "DOUBLE, 47, 1e-12, 3, 4", "FLOAT, 33, 2e-5, 3, 4", "FLOAT, 47, 2e-5, 3, 4",
        // 533 rows of 37 classes: a longer batch than the vector-width cases above
        "DOUBLE, 37, 1e-12, 13, 41", "FLOAT, 37, 2e-5, 13, 41"})
    void matchesDoubleRnnOutputLayerAtFullVectorWidth(DataType type, int classes, double relativeTolerance,
                                                      int batch, int steps) {
        MultiLayerNetwork stock = OutputTestNets.net(DataType.DOUBLE, Recurrent.LSTM, OutputTestNets.stock(classes),
                0.0);
        MultiLayerNetwork fused = OutputTestNets.net(type, Recurrent.LSTM, OutputTestNets.fused(classes), 0.0);
        stock.setParams(stock.params().castTo(type).castTo(DataType.DOUBLE));
        fused.setParams(stock.params().castTo(type));
        int[][] targets = OutputTestNets.targets(batch, steps, classes);
        INDArray x = OutputTestNets.input(DataType.DOUBLE, batch, steps).castTo(type).castTo(DataType.DOUBLE);
        INDArray mask = OutputTestNets.trailingMask(DataType.DOUBLE, batch, steps);
        DataSet stockData = new DataSet(x, OutputTestNets.oneHotLabels(DataType.DOUBLE, targets, classes), null, mask);
        DataSet fusedData = new DataSet(x.castTo(type), OutputTestNets.indexLabels(type, targets), null,
                mask.castTo(type));

        double stockScore = stock.score(stockData);
        assertThat(stockScore).isGreaterThan(Math.log(classes));
        assertThat(Math.abs(fused.score(fusedData) - stockScore) / stockScore).isLessThan(relativeTolerance);
        assertRelativelyClose("per-example scores", fused.scoreExamples(fusedData, true),
                stock.scoreExamples(stockData, true), relativeTolerance);
        INDArray fusedOutput = fused.output(x.castTo(type), false, null, mask.castTo(type));
        assertThat(fusedOutput.dataType()).isEqualTo(type);
        assertRelativelyClose("outputs", fusedOutput, stock.output(x, false, null, mask), relativeTolerance);

        gradient(stock, stockData);
        gradient(fused, fusedData);
        assertThat(Math.abs(fused.score() - stock.score()) / stock.score()).isLessThan(relativeTolerance);
        for (String key : stock.paramTable().keySet()) {
            assertRelativelyClose("gradient " + key, fused.gradient().getGradientFor(key),
                    stock.gradient().getGradientFor(key), relativeTolerance);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 47})
    void passesDl4jGradientCheckAtFullVectorWidth(int classes) {
        MultiLayerNetwork net = OutputTestNets.net(DataType.DOUBLE, Recurrent.LSTM, OutputTestNets.fused(classes), 0.0);
        INDArray labels = OutputTestNets.indexLabels(DataType.DOUBLE, OutputTestNets.targets(BATCH, STEPS, classes));

        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(OutputTestNets.input(DataType.DOUBLE, BATCH, STEPS)).labels(labels)
                .labelMask(OutputTestNets.trailingMask(DataType.DOUBLE, BATCH, STEPS))
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));

        assertThat(ok).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void timeMajorInputGivesTheBitsOfAnOrdinaryOne(DataType type) {
        MultiLayerNetwork net = OutputTestNets.net(type, Recurrent.LSTM, OutputTestNets.fused(), 0.0);
        net.initGradientsView();
        SoftmaxCrossEntropyOutputImpl layer = (SoftmaxCrossEntropyOutputImpl) net.getLayer(1);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        Nd4j.getRandom().setSeed(8);
        INDArray hidden = Nd4j.randn(type, BATCH, HIDDEN, STEPS);
        INDArray timeMajor = TimeMajorArrays.create(noWorkspaces, ArrayType.ACTIVATIONS, type, BATCH, HIDDEN, STEPS)
                .assign(hidden);
        layer.setLabels(OutputTestNets.oneHotLabels(type, OutputTestNets.targets(BATCH, STEPS)));

        layer.setInput(timeMajor, noWorkspaces);
        INDArray probabilities = layer.activate(false, noWorkspaces).dup();
        Pair<Gradient, INDArray> fromTimeMajor = layer.backpropGradient(null, noWorkspaces);
        double score = layer.computeScore(0.0, true, noWorkspaces);
        INDArray weightGradient = fromTimeMajor.getFirst().getGradientFor("W").dup();
        INDArray inputGradient = fromTimeMajor.getSecond().dup();
        assertThat(TimeMajorArrays.isTimeMajor(fromTimeMajor.getSecond())).isTrue();

        layer.setInput(hidden.dup('c'), noWorkspaces);
        assertThat(layer.activate(false, noWorkspaces)).isEqualTo(probabilities);
        Pair<Gradient, INDArray> fromOrdinary = layer.backpropGradient(null, noWorkspaces);
        assertThat(layer.computeScore(0.0, true, noWorkspaces)).isEqualTo(score);
        assertThat(fromOrdinary.getFirst().getGradientFor("W")).isEqualTo(weightGradient);
        assertThat(fromOrdinary.getSecond()).isEqualTo(inputGradient);
        assertThat(score).isGreaterThan(0.0);
    }

    @Test
    void outputsAreProbabilitiesZeroAtMaskedSteps() {
        MultiLayerNetwork net = OutputTestNets.net(DataType.FLOAT, Recurrent.LSTM, OutputTestNets.fused(), 0.0);
        INDArray mask = OutputTestNets.trailingMask(DataType.FLOAT, BATCH, STEPS);

        INDArray out = net.output(OutputTestNets.input(DataType.FLOAT, BATCH, STEPS), false, null, mask);

        assertThat(out.shape()).containsExactly(BATCH, CLASSES, STEPS);
        INDArray perStep = out.sum(1);
        assertThat(perStep.getDouble(0, 3)).isCloseTo(1.0, within(1e-6));
        assertThat(perStep.getDouble(2, 1)).isCloseTo(1.0, within(1e-6));
        assertThat(perStep.getDouble(2, 2)).isEqualTo(0.0);
        assertThat(out.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void trainingLowersTheLoss() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(1)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.05))
                .list()
                .layer(new Lstm.Builder().nOut(HIDDEN * 4).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nOut(CLASSES).build())
                .setInputType(InputType.recurrent(OutputTestNets.FEATURES))
                .build());
        net.init();
        DataSet data = new DataSet(OutputTestNets.input(DataType.FLOAT, 8, 6),
                OutputTestNets.indexLabels(DataType.FLOAT, OutputTestNets.targets(8, 6)));
        double before = net.score(data);

        for (int i = 0; i < 60; i++) {
            net.fit(data);
        }

        assertThat(net.getLayerWiseConfigurations().getConf(1).getLayer())
                .isInstanceOfSatisfying(SoftmaxCrossEntropyOutput.class, l -> assertThat(l.getNIn()).isEqualTo(16));
        assertThat(before).isCloseTo(6 * Math.log(CLASSES), within(1.5));
        assertThat(net.score(data)).isLessThan(before / 2);
    }

    @Test
    void roundTripsThroughJsonAndModelSerializer() throws IOException {
        MultiLayerNetwork net = OutputTestNets.net(DataType.FLOAT, Recurrent.LSTM, OutputTestNets.fused(), 0.0);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);

        INDArray x = OutputTestNets.input(DataType.FLOAT, BATCH, STEPS);
        assertThat(restored.getLayer(1)).isInstanceOf(SoftmaxCrossEntropyOutputImpl.class);
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.output(x)).isEqualTo(net.output(x));
    }

    @Test
    void paramsAreWThenBLikeRnnOutputLayer() {
        MultiLayerNetwork net = OutputTestNets.net(DataType.FLOAT, Recurrent.LSTM, OutputTestNets.fused(), 0.0);
        MultiLayerNetwork stock = OutputTestNets.net(DataType.FLOAT, Recurrent.LSTM, OutputTestNets.stock(), 0.0);

        assertThat(net.getLayer(1).paramTable().keySet()).containsExactly("W", "b");
        assertThat(net.getLayer(1).getParam("W").shape()).containsExactly(HIDDEN, CLASSES);
        assertThat(net.getLayer(1).getParam("b").shape()).containsExactly(stock.getLayer(1).getParam("b").shape());
        assertThat(net.getLayer(1).getParam("W").ordering()).isEqualTo(stock.getLayer(1).getParam("W").ordering());
        assertThat(net.getLayer(1).numParams()).isEqualTo((long) HIDDEN * CLASSES + CLASSES);
    }

    @Test
    void rejectsBadSizesNamingTheField() {
        assertThatThrownBy(() -> new SoftmaxCrossEntropyOutput.Builder().nIn(4).nOut(0).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nOut").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new SoftmaxCrossEntropyOutput.Builder().nIn(4).nOut(1).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nOut");
        assertThatThrownBy(() -> new SoftmaxCrossEntropyOutput.Builder().nIn(-2).nOut(5).build())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nIn").hasMessageContaining("got -2");
    }

    @Test
    void rejectsBadLabelsWithOneLineMessages() {
        MultiLayerNetwork net = OutputTestNets.net(DataType.FLOAT, Recurrent.LSTM, OutputTestNets.fused(), 0.0);
        INDArray x = OutputTestNets.input(DataType.FLOAT, BATCH, STEPS);
        INDArray tooBig = OutputTestNets.indexLabels(DataType.FLOAT, OutputTestNets.targets(BATCH, STEPS));
        tooBig.putScalar(1, 0, 2, CLASSES);
        INDArray wrongShape = Nd4j.zeros(DataType.FLOAT, BATCH, 2, STEPS);
        INDArray notOneHot = OutputTestNets.oneHotLabels(DataType.FLOAT, OutputTestNets.targets(BATCH, STEPS));
        notOneHot.putScalar(0, 0, 0, 0.5);

        assertThatThrownBy(() -> net.fit(new DataSet(x, tooBig)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("class index 5.0 at (example 1, step 2) must be a whole number in [0, 5)")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> net.fit(new DataSet(x, wrongShape)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("labels must be class indices [3, 1, 4] or one-hot [3, 5, 4], got shape [3, 2, 4]");
        assertThatThrownBy(() -> net.fit(new DataSet(x, notOneHot)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("labels must be one-hot");
    }

    private static INDArray gradient(MultiLayerNetwork net, DataSet data) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    /** max |actual − expected| / max |expected| below the tolerance. */
    private static void assertRelativelyClose(String what, INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = e.amaxNumber().doubleValue();
        assertThat(scale).as(what).isGreaterThan(0.0);
        double maxDiff = actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue();
        assertThat(maxDiff / scale).as(what).isLessThan(tolerance);
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double maxDiff = Nd4j.math().abs(actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)))
                .maxNumber().doubleValue();
        assertThat(maxDiff).isLessThan(tolerance);
    }
}
