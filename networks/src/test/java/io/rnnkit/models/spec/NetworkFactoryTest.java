package io.rnnkit.models.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.Trainer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.TrainingResult;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.factory.Nd4j;

class NetworkFactoryTest {

    private static final TrainingConfig ADAM = TrainingConfig.basic(1, Optimizer.ADAM, 0.01, 3);

    /** A small many-to-one classifier on 3 dense features: the waves shape. */
    private static final ModelSpec CLASSIFIER = new ModelSpec(Cell.SIMPLE, Implementation.RNNKIT, InputEncoding.DENSE,
            3, 0, 1, 5, "relu", BidirectionalMode.NONE, 1.0, 1.0, Head.SEQUENCE_CLASSIFICATION, 4, 2,
            Loss.CROSS_ENTROPY, new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, 7);

    @TempDir
    Path dir;

    @Test
    void wholeSequenceHeadsGiveOneRowPerExample() {
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(CLASSIFIER, ADAM);
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 4, 3, 6)).shape()).containsExactly(4, 2);

        ModelSpec regression = CLASSIFIER.with(Map.of("head", "last-step-regression", "loss", "mae", "output-size", "1",
                "cell", "gru", "activation", "tanh"));
        MultiLayerNetwork gru = (MultiLayerNetwork) NetworkFactory.build(regression, ADAM);
        assertThat(gru.output(Nd4j.rand(DataType.FLOAT, 4, 3, 5)).shape()).containsExactly(4, 1);
    }

    @Test
    void kerasInitGivesOrthogonalRecurrentWeightsAndGlorotUniformInputWeights() {
        ModelSpec keras = CLASSIFIER.with(Map.of("cell", "gru", "activation", "tanh", "weight-init", "keras",
                "hidden", "6"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(keras, ADAM);
        INDArray rw = net.getLayer(0).getParam("RW").castTo(DataType.DOUBLE);
        INDArray w = net.getLayer(0).getParam("W");

        INDArray gram = rw.mmul(rw.transpose());
        assertThat(gram.sub(Nd4j.eye(6).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()).isLessThan(1e-5);
        // Glorot uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)) = sqrt(6 / (3 + 18))
        assertThat(w.amaxNumber().doubleValue()).isLessThanOrEqualTo(Math.sqrt(6.0 / 21)).isGreaterThan(0.2);
        assertThat(net.getLayer(0).getParam("b").amaxNumber().doubleValue()).isZero();
        assertThatThrownBy(() -> new WeightInitSpec("keras2"))
                .hasMessageContaining("use xavier, relu, keras or uniform:SCALE");
    }

    @Test
    void stepHeadsWithAnEmbeddingGiveOneColumnPerStep() {
        ModelSpec languageModel = ModelSpecTest.PTB.with(Map.of("input-size", "20", "output-size", "20",
                "embedding", "6", "hidden", "8", "tbptt", "4"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(languageModel, ADAM);
        INDArray indices = Nd4j.createFromArray(new float[][][] {{{1, 5, 19, 0, 3, 2, 7, 7}}, {{0, 0, 1, 1, 2, 2, 3, 3}}});

        INDArray output = net.output(indices);

        assertThat(output.shape()).containsExactly(2, 20, 8);
        assertThat(output.sum(1).minNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(net.getLayerWiseConfigurations().getTbpttFwdLength()).isEqualTo(4);
    }

    @Test
    void anEmbeddingLanguageModelTrainsWithEitherOutputLayer() {
        for (String impl : List.of("dl4j", "rnnkit")) {
            ModelSpec spec = ModelSpecTest.PTB.with(Map.of("input-size", "20", "output-size", "20", "embedding", "6",
                    "hidden", "8", "tbptt", "0", "impl", impl));
            MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(spec, TrainingConfig.basic(1, Optimizer.ADAM, 0.05, 1));
            INDArray indices = Nd4j.createFromArray(new float[][][] {{{1, 2, 3, 4, 5}}, {{5, 4, 3, 2, 1}}});
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, 20, 5);
            for (int t = 0; t < 5; t++) {
                labels.putScalar(new long[] {0, t + 2, t}, 1);
                labels.putScalar(new long[] {1, 4 - t, t}, 1);
            }
            // The fused output layer takes class indices; DL4J's takes one-hot labels.
            DataSet batch = new DataSet(indices, impl.equals("rnnkit") ? labels.argMax(1).reshape(2, 1, 5).castTo(DataType.FLOAT) : labels);
            double before = net.score(batch);
            for (int i = 0; i < 60; i++) {
                net.fit(batch);
            }
            // 5 steps at ln(20) = 3.0 nats each to start; learning the two sequences halves it at least.
            assertThat(before).as(impl).isGreaterThan(14.0);
            assertThat(net.getLayer(net.getnLayers() - 1).conf().getLayer()).as(impl).isInstanceOf(
                    impl.equals("rnnkit") ? SoftmaxCrossEntropyOutput.class : org.deeplearning4j.nn.conf.layers.RnnOutputLayer.class);
            assertThat(net.score(batch)).as(impl).isLessThan(before / 2);
        }
    }

    @Test
    void uniformInitialisationStaysWithinItsScale() {
        ModelSpec small = ModelSpecTest.PTB.with(Map.of("input-size", "30", "output-size", "30", "embedding", "8",
                "hidden", "8"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(small, ADAM);
        INDArray recurrentWeights = net.getLayer(1).getParam("RW");
        assertThat(recurrentWeights.maxNumber().doubleValue()).isLessThanOrEqualTo(0.1);
        assertThat(recurrentWeights.minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.1);
        assertThat(recurrentWeights.stdNumber().doubleValue()).isGreaterThan(0.03);
    }

    @Test
    void bidirectionalConcatDoublesTheWidthAndUsesTheChosenCell() {
        ModelSpec spec = CLASSIFIER.with(Map.of("bidirectional", "concat", "cell", "lstm", "activation", "tanh",
                "layers", "2"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(spec, ADAM);

        Bidirectional second = (Bidirectional) ((org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep)
                net.getLayerWiseConfigurations().getConf(1).getLayer()).getUnderlying();
        assertThat(second.getFwd()).isInstanceOf(Lstm.class);
        assertThat(((Lstm) second.getFwd()).getNIn()).isEqualTo(10);
        assertThat(net.output(Nd4j.rand(DataType.FLOAT, 2, 3, 4)).shape()).containsExactly(2, 2);
    }

    @Test
    void dl4jImplementationUsesStockLayersAndRefusesStatefulTraining() {
        ModelSpec stock = CLASSIFIER.with(Map.of("impl", "dl4j", "cell", "lstm", "activation", "tanh"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(stock, ADAM);
        var first = (org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep)
                net.getLayerWiseConfigurations().getConf(0).getLayer();
        assertThat(first.getUnderlying()).isExactlyInstanceOf(org.deeplearning4j.nn.conf.layers.LSTM.class);

        TrainingConfig stateful = new TrainingConfig(1, Optimizer.SGD, 1, 0, 1, 0, 0, true, 1);
        assertThatThrownBy(() -> NetworkFactory.build(stock, stateful)).hasMessageStartingWith("stateful:");
    }

    @Test
    void onlyAFirstLayerReadingTheDataSkipsItsInputGradient() {
        ModelSpec stacked = CLASSIFIER.with(Map.of("cell", "lstm", "activation", "tanh", "layers", "2"));
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(stacked, ADAM);
        assertThat(fused(net, 0).isInputGradient()).as("the first layer reads the data").isFalse();
        assertThat(fused(net, 1).isInputGradient()).isTrue();

        ModelSpec embedded = ModelSpecTest.PTB.with(Map.of("input-size", "20", "output-size", "20", "embedding", "6",
                "hidden", "8"));
        MultiLayerNetwork withEmbedding = (MultiLayerNetwork) NetworkFactory.build(embedded, ADAM);
        assertThat(fused(withEmbedding, 1).isInputGradient()).as("after an embedding, which trains").isTrue();

        ModelSpec bidirectional = stacked.with(Map.of("bidirectional", "concat"));
        MultiLayerNetwork both = (MultiLayerNetwork) NetworkFactory.build(bidirectional, ADAM);
        Bidirectional first = (Bidirectional) both.getLayerWiseConfigurations().getConf(0).getLayer();
        assertThat(((Lstm) first.getFwd()).isInputGradient()).as("Bidirectional adds its directions' gradients")
                .isTrue();
    }

    /** The fused recurrent layer config at {@code index}, unwrapped from LastTimeStep. */
    private static io.rnnkit.models.layers.FusedRecurrentLayer fused(MultiLayerNetwork net, int index) {
        org.deeplearning4j.nn.conf.layers.Layer layer = net.getLayerWiseConfigurations().getConf(index).getLayer();
        if (layer instanceof org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep last) {
            layer = last.getUnderlying();
        }
        return (io.rnnkit.models.layers.FusedRecurrentLayer) layer;
    }

    @Test
    void seq2seqIsAnEncoderDecoderGraph() {
        ModelSpec spec = CLASSIFIER.with(Map.of("head", "seq2seq", "cell", "gru", "activation", "tanh",
                "input-size", "13", "output-size", "13", "head-hidden", "0"));
        ComputationGraph graph = (ComputationGraph) NetworkFactory.build(spec, ADAM);

        INDArray[] output = graph.output(Nd4j.rand(DataType.FLOAT, 2, 13, 7), Nd4j.rand(DataType.FLOAT, 2, 13, 4));

        assertThat(output[0].shape()).containsExactly(2, 13, 4);
        assertThat(graph.getLayer("encoder-0").conf().getLayer()).isInstanceOf(Gru.class);
    }

    @Test
    void rnnkitLstmAndGruLearnToEchoThePreviousSymbol() {
        for (String cell : List.of("lstm", "gru")) {
            ModelSpec spec = CLASSIFIER.with(Map.of("cell", cell, "activation", "tanh", "head", "step-classification",
                    "input", "one-hot", "input-size", "4", "output-size", "4", "hidden", "16", "head-hidden", "0"));
            TrainingConfig training = TrainingConfig.basic(10, Optimizer.ADAM, 0.02, 5);
            TrainingResult result = new Trainer(training, null, RunDirectory.createNew(dir.resolve(cell)))
                    .train(NetworkFactory.build(spec, training), new MultiDataSetIteratorAdapter(
                            new ListDataSetIterator<>(echoData(), 16)));

            // Chance is ln(4) per step, 11.1 nats over 8 steps; echoing drives the loss well below 2.
            assertThat(result.history().get(0).trainLoss()).as(cell).isGreaterThan(8.0);
            assertThat(result.history().get(9).trainLoss()).as(cell).isLessThan(2.0);
        }
    }

    private static List<DataSet> echoData() {
        Random random = new Random(11);
        List<DataSet> examples = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            INDArray features = Nd4j.zeros(DataType.FLOAT, 1, 4, 8);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, 4, 8);
            int previous = 0;
            for (int t = 0; t < 8; t++) {
                int symbol = random.nextInt(4);
                features.putScalar(new long[] {0, symbol, t}, 1.0);
                labels.putScalar(new long[] {0, previous, t}, 1.0);
                previous = symbol;
            }
            examples.add(new DataSet(features, labels));
        }
        return examples;
    }
}
