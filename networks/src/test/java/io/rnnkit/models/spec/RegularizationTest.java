package io.rnnkit.models.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.bundle.Provenance;
import io.rnnkit.models.layers.FusedRecurrentLayer;
import io.rnnkit.models.regularization.LockedDropout;
import io.rnnkit.models.regularization.WordDropoutEmbedding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The regularisers as spec options: validation, flat form, the layers they build, inference and bundles. */
class RegularizationTest {

    private static final int VOCABULARY = 13;
    private static final TrainingConfig SGD = new TrainingConfig(1, Optimizer.SGD, 0.5, 0, 1.0, 0, 0, true, 3);

    /** A word language model: embedding 6 → 2 × LSTM 6 → fused softmax over 13 words. */
    private static final ModelSpec LANGUAGE_MODEL = new ModelSpec(Cell.LSTM, Implementation.RNNKIT,
            InputEncoding.INDEX, VOCABULARY, 6, 2, 6, "tanh", BidirectionalMode.NONE, 1.0, 1.0,
            Head.STEP_CLASSIFICATION, 0, VOCABULARY, Loss.CROSS_ENTROPY, new WeightInitSpec("uniform:0.1"), 0.0, 0,
            DataType.FLOAT, 9);

    private static final Map<String, String> ALL = Map.of("locked-dropout-input", "0.6", "locked-dropout-hidden",
            "0.7", "locked-dropout-output", "0.5", "weight-drop", "0.8", "embedding-dropout", "0.9",
            "tie-weights", "true");

    @TempDir
    Path dir;

    private static INDArray words(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, 3, 1, 8).muli(VOCABULARY - 0.01).castTo(DataType.INT32).castTo(DataType.FLOAT);
    }

    @Test
    void eachOptionBuildsItsLayerSetting() {
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(LANGUAGE_MODEL.with(ALL), SGD);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();

        assertThat(conf.getConf(0).getLayer()).isInstanceOf(WordDropoutEmbedding.class);
        assertThat(((WordDropoutEmbedding) conf.getConf(0).getLayer()).getWordKeep()).isEqualTo(0.9);
        assertThat(conf.getConf(1).getLayer().getIDropout()).isEqualTo(new LockedDropout(0.6));
        assertThat(conf.getConf(2).getLayer().getIDropout()).isEqualTo(new LockedDropout(0.7));
        assertThat(conf.getConf(3).getLayer().getIDropout()).isEqualTo(new LockedDropout(0.5));
        assertThat(((FusedRecurrentLayer) conf.getConf(1).getLayer()).getWeightDropOut()).isEqualTo(0.8);
        assertThat(((FusedRecurrentLayer) conf.getConf(2).getLayer()).getWeightDropOut()).isEqualTo(0.8);
        assertThat(net.getLayer(3).getParam("W")).isEqualTo(net.getLayer(0).getParam("W").transpose());
        assertThat(NetworkFactory.gradientListeners(LANGUAGE_MODEL.with(ALL))).hasSize(1);
        assertThat(NetworkFactory.gradientListeners(LANGUAGE_MODEL)).isEmpty();
    }

    @Test
    void tiedWeightsStayBitIdenticalThroughRegularizedTraining() {
        ModelSpec spec = LANGUAGE_MODEL.with(ALL);
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(spec, SGD);
        net.addListeners(NetworkFactory.gradientListeners(spec).toArray(org.deeplearning4j.optimize.api.TrainingListener[]::new));
        INDArray start = net.getLayer(0).getParam("W").dup();
        for (int step = 0; step < 10; step++) {
            Nd4j.getRandom().setSeed(100 + step);
            net.fit(words(20 + step), words(40 + step));
        }
        assertThat(net.getLayer(0).getParam("W")).isNotEqualTo(start);
        assertThat(net.getLayer(3).getParam("W")).isEqualTo(net.getLayer(0).getParam("W").transpose());
    }

    @Test
    void inferenceAppliesNoneOfThem() {
        MultiLayerNetwork regularized = (MultiLayerNetwork) NetworkFactory.build(LANGUAGE_MODEL.with(ALL), SGD);
        MultiLayerNetwork plain = (MultiLayerNetwork) NetworkFactory.build(LANGUAGE_MODEL, SGD);
        plain.setParams(regularized.params());
        INDArray x = words(1);

        INDArray inference = regularized.output(x, false);
        assertThat(inference).isEqualTo(plain.output(x, false)).isEqualTo(regularized.output(x, false));
        Nd4j.getRandom().setSeed(5);
        assertThat(regularized.output(x, true)).as("training applies them").isNotEqualTo(inference);
    }

    @Test
    void aBundleKeepsThemAndAnOldSpecWithoutThemMeansNone() throws Exception {
        ModelSpec spec = LANGUAGE_MODEL.with(ALL);
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(spec, SGD);
        Path file = dir.resolve("model.zip");
        new ModelBundle(net, spec.toMap(), Map.of(), Optional.empty(), Optional.empty(),
                new Provenance("0.1.0-SNAPSHOT", "ptb", 9, Map.of(), Instant.parse("2026-12-03T00:00:00Z"), Optional.empty())).save(file);

        ModelBundle loaded = ModelBundle.load(file);

        ModelSpec back = ModelSpec.fromMap(loaded.spec());
        assertThat(back).isEqualTo(spec);
        assertThat(back.regularization()).isEqualTo(new Regularization(0.6, 0.7, 0.5, 0.8, 0.9, true));
        assertThat(((MultiLayerNetwork) loaded.network()).getLayerWiseConfigurations())
                .isEqualTo(net.getLayerWiseConfigurations());
        Map<String, String> old = new HashMap<>(LANGUAGE_MODEL.toMap());
        old.keySet().removeAll(ALL.keySet());
        assertThat(ModelSpec.fromMap(old).regularization()).isEqualTo(Regularization.NONE);
    }

    @Test
    void defaultsBuildTheSameNetworkAsBefore() {
        MultiLayerNetwork net = (MultiLayerNetwork) NetworkFactory.build(LANGUAGE_MODEL.with(Map.of("dropout", "0.5")),
                SGD);
        assertThat(net.getLayerWiseConfigurations().getConf(0).getLayer()).isNotInstanceOf(WordDropoutEmbedding.class);
        assertThat(net.getLayerWiseConfigurations().getConf(1).getLayer().getIDropout()).isEqualTo(new Dropout(0.5));
        assertThat(((FusedRecurrentLayer) net.getLayerWiseConfigurations().getConf(1).getLayer()).getWeightDropOut())
                .isEqualTo(1.0);
    }

    @Test
    void refusesOptionsThatDoNotFitTheNetworkNamingThem() {
        assertThatThrownBy(() -> LANGUAGE_MODEL.with(Map.of("weight-drop", "0.5", "impl", "dl4j")))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("weight-drop: needs --impl rnnkit");
        assertThatThrownBy(() -> LANGUAGE_MODEL.with(Map.of("tie-weights", "true", "hidden", "7")))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("tie-weights: the embedding width (6)");
        assertThatThrownBy(() -> LANGUAGE_MODEL.with(Map.of("locked-dropout-hidden", "0.5", "dropout", "0.5")))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("locked-dropout-hidden: --dropout 0.5");
        assertThatThrownBy(() -> LANGUAGE_MODEL.with(Map.of("locked-dropout-output", "1.5")))
                .isInstanceOf(UserInputException.class).hasMessageContaining("(0, 1]");
        Map<String, String> dense = new LinkedHashMap<>(Map.of("input", "dense", "embedding", "0"));
        dense.put("embedding-dropout", "0.9");
        assertThatThrownBy(() -> LANGUAGE_MODEL.with(dense))
                .isInstanceOf(UserInputException.class).hasMessageStartingWith("embedding-dropout: needs an embedding");
    }
}
