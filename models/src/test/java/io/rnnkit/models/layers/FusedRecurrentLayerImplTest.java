package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.RecurrentTestNets.CLASSES;
import static io.rnnkit.models.layers.RecurrentTestNets.doubleNet;
import static io.rnnkit.models.layers.RecurrentTestNets.gradientsOk;
import static io.rnnkit.models.layers.RecurrentTestNets.input;
import static io.rnnkit.models.layers.RecurrentTestNets.oneHotLabels;
import static io.rnnkit.models.layers.RecurrentTestNets.trailingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.io.File;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class FusedRecurrentLayerImplTest {

    /** The three cells (the GRU in both reset forms), each as a builder of (nIn, nOut) layers. */
    enum Cell {
        SIMPLE_RNN((nIn, nOut) -> new SimpleRnn.Builder().nIn(nIn).nOut(nOut)),
        LSTM((nIn, nOut) -> new Lstm.Builder().nIn(nIn).nOut(nOut)),
        GRU((nIn, nOut) -> new Gru.Builder().nIn(nIn).nOut(nOut)),
        GRU_RESET_BEFORE((nIn, nOut) -> new Gru.Builder().nIn(nIn).nOut(nOut).resetAfter(false));

        private final BiFunction<Integer, Integer, FusedRecurrentLayer.Builder<?>> builder;

        Cell(BiFunction<Integer, Integer, FusedRecurrentLayer.Builder<?>> builder) {
            this.builder = builder;
        }

        FusedRecurrentLayer.Builder<?> builder(int nIn, int nOut) {
            return builder.apply(nIn, nOut);
        }

        FusedRecurrentLayer layer(int nIn, int nOut) {
            return (FusedRecurrentLayer) builder(nIn, nOut).build();
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void rnnTimeStepEqualsFullSequence(Cell cell) {
        MultiLayerNetwork net = doubleNet(0, 3, cell.layer(4, 5), cell.layer(5, 3));
        INDArray x = input(2, 4, 6, 31);
        INDArray full = net.output(x);
        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray stepOut = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)));
            INDArray expected = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
            assertThat(LayerParity.maxAbsDiff(stepOut.reshape(expected.shape()), expected)).as("step %d", t)
                    .isLessThan(1e-12);
        }
        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)));
        assertThat(LayerParity.maxAbsDiff(first.reshape(2, CLASSES, 1),
                full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 1)))).isLessThan(1e-12);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void timeMajorActivationsAndGradientsGiveTheBitsOfOrdinaryOnes(Cell cell) {
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {doubleNet(0, 3, cell.layer(4, 5)),
                RecurrentTestNets.floatCopy(doubleNet(0, 3, cell.layer(4, 5)))}) {
            DataType type = net.params().dataType();
            net.initGradientsView();
            FusedRecurrentLayerImpl layer = (FusedRecurrentLayerImpl) net.getLayer(0);
            INDArray x = input(2, 4, 6, 36).castTo(type);
            INDArray eps = input(2, 5, 6, 37).castTo(type);
            INDArray timeMajorX = TimeMajorArrays.create(LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS,
                    type, 2, 4, 6).assign(x);
            INDArray timeMajorEps = TimeMajorArrays.create(LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATION_GRAD,
                    type, 2, 5, 6).assign(eps);

            INDArray out = layer.activate(timeMajorX, true, LayerWorkspaceMgr.noWorkspaces());
            assertThat(TimeMajorArrays.isTimeMajor(out)).as("%s output", type).isTrue();
            Pair<Gradient, INDArray> fromTimeMajor = layer.backpropGradient(timeMajorEps, LayerWorkspaceMgr.noWorkspaces());
            INDArray gradient = fromTimeMajor.getFirst().gradient().dup();
            INDArray inputGradient = fromTimeMajor.getSecond().dup();
            assertThat(TimeMajorArrays.isTimeMajor(fromTimeMajor.getSecond())).as("%s input gradient", type).isTrue();

            INDArray outAgain = layer.activate(x.dup('c'), true, LayerWorkspaceMgr.noWorkspaces());
            Pair<Gradient, INDArray> fromOrdinary = layer.backpropGradient(eps.dup('c'), LayerWorkspaceMgr.noWorkspaces());

            assertThat(outAgain).isEqualTo(out);
            assertThat(fromOrdinary.getFirst().gradient()).as("%s weight gradients", type).isEqualTo(gradient);
            assertThat(fromOrdinary.getSecond()).as("%s input gradient", type).isEqualTo(inputGradient);
            assertThat(gradient.norm2Number().doubleValue()).isGreaterThan(0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void modelSerializerRoundTripGivesIdenticalOutputs(Cell cell, @TempDir Path dir) throws Exception {
        MultiLayerNetwork net = doubleNet(0, 3, cell.layer(4, 5));
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        INDArray x = input(2, 4, 6, 32);
        assertThat(restored.output(x)).isEqualTo(net.output(x));
        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void gradientsPassInsideLastTimeStepWithMask(Cell cell) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).weightInit(new NormalDistribution(0, 0.5)).list()
                .layer(new LastTimeStep(cell.layer(4, 5)))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(5).nOut(CLASSES).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, CLASSES);
        for (int b = 0; b < 3; b++) {
            labels.putScalar(b, b % CLASSES, 1.0);
        }
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input(3, 4, 5, 33))
                .labels(labels).inputMask(trailingMask(3, 5)).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void gradientsPassBeforeRnnLossLayer(Cell cell) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(4)
                .updater(new NoOp()).weightInit(new NormalDistribution(0, 0.5)).list()
                .layer(cell.layer(3, 2))
                .layer(new RnnLossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).dataFormat(RNNFormat.NCW).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input(2, 3, 4, 34))
                .labels(input(2, 2, 4, 35)).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void computationGraphMatchesMultiLayerNetwork(Cell cell) {
        MultiLayerNetwork mln = doubleNet(0, 5, cell.layer(4, 5));
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder()
                .addInputs("in")
                .addLayer("rnn", cell.layer(4, 5), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(5).nOut(CLASSES).build(), "rnn")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.setParams(mln.params());
        INDArray x = input(2, 4, 6, 36);
        assertThat(LayerParity.maxAbsDiff(graph.outputSingle(x), mln.output(x))).isLessThan(1e-12);
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void nwcFormatMatchesNcw(Cell cell) {
        MultiLayerNetwork ncw = doubleNet(0, 5, cell.layer(4, 5));
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerNetwork nwc = nwcNet(cell, DataType.DOUBLE, ncw.params());
        INDArray x = input(2, 4, 6, 37);
        INDArray y = oneHotLabels(2, 6, 38);
        assertThat(LayerParity.maxAbsDiff(nwc.output(x.permute(0, 2, 1).dup()).permute(0, 2, 1), ncw.output(x)))
                .isLessThan(1e-12);
        computeGradients(ncw, nwc, x, y);
        assertThat(LayerParity.maxAbsDiff(nwc.gradient().gradient(), ncw.gradient().gradient())).isLessThan(1e-12);
    }

    /**
     * A FLOAT layer lays out its NWC output as floats itself: the same values as NCW, bit for bit, and the same
     * gradients up to the output layer's own rounding.
     */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void nwcFloatNetworkMatchesNcwBitForBit(Cell cell) {
        MultiLayerNetwork ncw = doubleNet(0, 5, cell.layer(4, 5)).convertDataType(DataType.FLOAT);
        MultiLayerNetwork nwc = nwcNet(cell, DataType.FLOAT, ncw.params());
        INDArray x = input(2, 4, 6, 41).castTo(DataType.FLOAT);
        INDArray y = oneHotLabels(2, 6, 42).castTo(DataType.FLOAT);
        INDArray hiddenNcw = ncw.feedForward(x, false).get(1);
        INDArray hiddenNwc = nwc.feedForward(x.permute(0, 2, 1).dup(), false).get(1);
        assertThat(hiddenNwc.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(LayerParity.maxAbsDiff(hiddenNwc.permute(0, 2, 1).castTo(DataType.DOUBLE),
                hiddenNcw.castTo(DataType.DOUBLE))).isEqualTo(0.0);
        computeGradients(ncw, nwc, x, y);
        INDArray gradNcw = ncw.gradient().gradient().castTo(DataType.DOUBLE);
        assertThat(gradNcw.norm2Number().doubleValue()).isGreaterThan(1e-2);
        assertThat(LayerParity.maxAbsDiff(nwc.gradient().gradient().castTo(DataType.DOUBLE), gradNcw))
                .isLessThan(1e-5);
    }

    /** Computes both networks' gradients for the same NCW data, handing the NWC network its permuted copy. */
    private static void computeGradients(MultiLayerNetwork ncw, MultiLayerNetwork nwc, INDArray x, INDArray y) {
        ncw.setInput(x);
        ncw.setLabels(y);
        ncw.computeGradientAndScore();
        nwc.setInput(x.permute(0, 2, 1).dup());
        nwc.setLabels(y.permute(0, 2, 1).dup());
        nwc.computeGradientAndScore();
    }

    /** The one-layer network of the NWC tests, in NWC format, with the given parameters. */
    private static MultiLayerNetwork nwcNet(Cell cell, DataType type, INDArray params) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(type).updater(new NoOp())
                .list()
                .layer(cell.builder(4, 5).dataFormat(RNNFormat.NWC).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NWC).nIn(5).nOut(CLASSES).build())
                .build();
        MultiLayerNetwork nwc = new MultiLayerNetwork(conf);
        nwc.init();
        nwc.setParams(params);
        return nwc;
    }

    /** The float path (heap Vector API GEMMs) against the double path, with masks and truncated BPTT. */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void floatNetworkAgreesWithDouble(Cell cell) {
        for (int tbptt : new int[] {0, 4}) {
            MultiLayerNetwork dbl = doubleNet(tbptt, 3, cell.layer(4, 5), cell.layer(5, 3));
            MultiLayerNetwork flt = dbl.convertDataType(DataType.FLOAT);
            INDArray x = input(3, 4, 7, 39);
            INDArray y = oneHotLabels(3, 7, 40);
            INDArray mask = trailingMask(3, 7);
            INDArray outFloat = flt.output(x.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT),
                    mask.castTo(DataType.FLOAT));
            assertThat(outFloat.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(LayerParity.maxAbsDiff(outFloat.castTo(DataType.DOUBLE), dbl.output(x, false, mask, mask)))
                    .isLessThan(1e-5);
            dbl.setInput(x);
            dbl.setLabels(y);
            dbl.setLayerMaskArrays(mask, mask);
            dbl.computeGradientAndScore();
            flt.setInput(x.castTo(DataType.FLOAT));
            flt.setLabels(y.castTo(DataType.FLOAT));
            flt.setLayerMaskArrays(mask.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT));
            flt.computeGradientAndScore();
            INDArray gradDouble = dbl.gradient().gradient();
            assertThat(gradDouble.norm2Number().doubleValue()).isGreaterThan(1e-2);
            assertThat(LayerParity.maxAbsDiff(flt.gradient().gradient().castTo(DataType.DOUBLE), gradDouble))
                    .as("tbptt %d", tbptt).isLessThan(1e-4);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void nd4jFallbackEngineMatchesCblas(Cell cell) {
        MultiLayerNetwork cblas = doubleNet(0, 5, cell.layer(4, 5));
        MultiLayerNetwork fallback = doubleNet(0, 5, cell.layer(4, 5));
        fallback.setParams(cblas.params());
        ((FusedRecurrentLayerImpl) fallback.getLayer(0)).useEngine(new Nd4jMatrixEngine());
        LayerParity.assertSameOutputsAndGradients(cblas, fallback, input(3, 4, 6, 41), oneHotLabels(3, 6, 42),
                trailingMask(3, 6));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void recurrentDropoutOnlyActsInTraining(Cell cell) {
        MultiLayerNetwork plain = doubleNet(0, 5, cell.layer(4, 5));
        MultiLayerNetwork dropped = doubleNet(0, 5, (FusedRecurrentLayer) cell.builder(4, 5).recurrentDropOut(0.5).build());
        dropped.setParams(plain.params());
        INDArray x = input(3, 4, 6, 43);
        assertThat(dropped.output(x, false)).isEqualTo(plain.output(x, false));
        assertThat(LayerParity.maxAbsDiff(dropped.output(x, true), plain.output(x, true))).isGreaterThan(1e-3);
    }

    @Test
    void inputDropoutOnlyActsInTraining() {
        MultiLayerNetwork plain = doubleNet(0, 5, Cell.LSTM.layer(4, 5));
        MultiLayerNetwork dropped = doubleNet(0, 5, (FusedRecurrentLayer) Cell.LSTM.builder(4, 5).dropOut(0.5).build());
        dropped.setParams(plain.params());
        INDArray x = input(3, 4, 6, 44);
        assertThat(dropped.output(x, false)).isEqualTo(plain.output(x, false));
        assertThat(LayerParity.maxAbsDiff(dropped.output(x, true), plain.output(x, true))).isGreaterThan(1e-3);
    }

    @Test
    void bidirectionalRefusesToStream() {
        MultiLayerNetwork net = doubleNet(0, 5, new org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional(
                org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.ADD, Cell.LSTM.layer(4, 5)));
        INDArray step = input(2, 4, 1, 46);
        assertThatThrownBy(() -> net.rnnTimeStep(step)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("idirectional");
    }

    @Test
    void mismatchedInputSizeNamesNIn() {
        MultiLayerNetwork net = doubleNet(0, 5, Cell.GRU.layer(4, 5));
        assertThatThrownBy(() -> net.output(input(2, 7, 3, 45)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("nIn").hasMessageContaining("7");
    }

    @Test
    void missingNInNamesNIn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new Lstm.Builder().nOut(5).build())
                .layer(new RnnOutputLayer.Builder().nIn(5).nOut(2).build())
                .build();
        assertThatThrownBy(() -> new MultiLayerNetwork(conf).init())
                .isInstanceOf(UserInputException.class).hasMessageContaining("nIn");
    }

    @Test
    void nInIsInferredFromInputType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new Lstm.Builder().nOut(5).build())
                .layer(new RnnOutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.recurrent(7))
                .build();
        assertThat(((Lstm) conf.getConf(0).getLayer()).getNIn()).isEqualTo(7);
    }

    /** Echo task: the label at step t is the input symbol of step t-1 (class 0 at t = 0). */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void tinyNetworkLearnsToEchoThePreviousSymbol(Cell cell) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int symbols = 4;
        int batch = 32;
        int steps = 8;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(0.05)).list()
                .layer(cell.layer(symbols, 16))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(16).nOut(symbols).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        java.util.Random random = new java.util.Random(8);
        INDArray x = Nd4j.zeros(DataType.FLOAT, batch, symbols, steps);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, symbols, steps);
        for (int b = 0; b < batch; b++) {
            int previous = 0;
            for (int t = 0; t < steps; t++) {
                int symbol = random.nextInt(symbols);
                x.putScalar(b, symbol, t, 1.0);
                y.putScalar(b, previous, t, 1.0);
                previous = symbol;
            }
        }
        double initial = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        for (int i = 0; i < 150; i++) {
            net.fit(x, y);
        }
        double last = net.score(new org.nd4j.linalg.dataset.DataSet(x, y));
        assertThat(initial).isGreaterThan(1.0);
        assertThat(last).isLessThan(0.1);
    }
}
