package io.rnnkit.models.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.bundle.ModelVocabulary;
import io.rnnkit.models.bundle.Provenance;
import io.rnnkit.models.layers.SingleStreamStepper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TextSamplerTest {

    private static final ModelVocabulary ABC = ModelVocabulary.of(LanguageModels.ABC);
    private static final ModelVocabulary LETTERS = ModelVocabulary.of(LanguageModels.LETTERS);
    private static final ModelVocabulary WORDS = ModelVocabulary.of(LanguageModels.WORDS);

    @Test
    void greedyContinuesALearnedPattern() {
        MultiLayerNetwork net = LanguageModels.trainedOnAbc();
        List<String> pieces = new ArrayList<>();

        String text = new TextSampler(net, ABC).sample("ab", SamplingOptions.greedy(10), pieces::add);

        assertThat(net.score()).isLessThan(0.1);
        assertThat(text).isEqualTo("cabcabcabc");
        assertThat(pieces).containsExactly("c", "a", "b", "c", "a", "b", "c", "a", "b", "c");
    }

    @Test
    void greedyFirstSymbolIsTheArgmaxOfTheOutput() {
        MultiLayerNetwork net = LanguageModels.oneHotLstm(8, 3, Activation.SOFTMAX);
        INDArray output = net.output(LanguageModels.oneHot(8, 5, 1, 2));
        INDArray last = output.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(2));
        char expected = (char) LanguageModels.LETTERS.codePointAt(last.argMax().getInt(0));

        String text = new TextSampler(net, LETTERS).sample(LanguageModels.LETTERS.decode(new int[] {5, 1, 2}),
                SamplingOptions.greedy(1), piece -> { });

        assertThat(text).isEqualTo(String.valueOf(expected));
    }

    @Test
    void rnnkitNetworksSampleOnTheHeapWhatRnnTimeStepWouldPick() {
        MultiLayerNetwork net = LanguageModels.embeddingRnnkitGru(8, 21);
        int[] prefix = {5, 1, 2};
        StringBuilder expected = new StringBuilder();
        INDArray output = net.rnnTimeStep(indices(prefix));
        for (int i = 0; i < 30; i++) {
            int id = output.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(output.size(2) - 1))
                    .argMax().getInt(0);
            expected.appendCodePoint(LanguageModels.LETTERS.decode(new int[] {id}).codePointAt(0));
            output = net.rnnTimeStep(indices(id));
        }
        net.rnnClearPreviousState();

        String text = new TextSampler(net, LETTERS).sample(LanguageModels.LETTERS.decode(prefix),
                SamplingOptions.greedy(30), piece -> { });

        assertThat(SingleStreamStepper.tryCompile(net)).isPresent();
        assertThat(text).isEqualTo(expected.toString());
        assertThat(text.chars().distinct().count()).isGreaterThan(1);
    }

    private static INDArray indices(int... ids) {
        INDArray input = Nd4j.zeros(DataType.FLOAT, 1, 1, ids.length);
        for (int t = 0; t < ids.length; t++) {
            input.putScalar(new long[] {0, 0, t}, ids[t]);
        }
        return input;
    }

    @Test
    void sameSeedGivesSameTextAndOtherSeedsDiffer() {
        TextSampler sampler = new TextSampler(LanguageModels.oneHotLstm(8, 3, Activation.SOFTMAX), LETTERS);

        String first = sampler.sample("abc", SamplingOptions.sampled(40, 1.0, 0, 1), piece -> { });
        String again = sampler.sample("abc", SamplingOptions.sampled(40, 1.0, 0, 1), piece -> { });
        String otherSeed = sampler.sample("abc", SamplingOptions.sampled(40, 1.0, 0, 2), piece -> { });

        assertThat(first).hasSize(40).matches("[a-h]{40}").isEqualTo(again).isNotEqualTo(otherSeed);
        assertThat(first.chars().distinct().count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void topKOfOneEqualsGreedyWhateverTheSeedAndTemperature() {
        TextSampler sampler = new TextSampler(LanguageModels.oneHotLstm(8, 4, Activation.SOFTMAX), LETTERS);

        String greedy = sampler.sample("hag", SamplingOptions.greedy(25), piece -> { });

        assertThat(sampler.sample("hag", SamplingOptions.sampled(25, 3.0, 1, 99), piece -> { })).isEqualTo(greedy);
        assertThat(sampler.sample("hag", SamplingOptions.sampled(25, 0.2, 1, 7), piece -> { })).isEqualTo(greedy);
    }

    @Test
    void stateIsClearedBeforeAndAfter() {
        MultiLayerNetwork net = LanguageModels.oneHotLstm(8, 5, Activation.SOFTMAX);
        TextSampler sampler = new TextSampler(net, LETTERS);
        net.rnnTimeStep(LanguageModels.oneHot(8, 7, 7, 7));

        String first = sampler.sample("de", SamplingOptions.greedy(12), piece -> { });
        String second = sampler.sample("de", SamplingOptions.greedy(12), piece -> { });

        assertThat(second).isEqualTo(first);
        assertThat(net.rnnGetPreviousState(0)).isEmpty();
    }

    @Test
    void wordModelsMapUnknownWordsAndRenderEndOfSentenceAsLineBreaks() {
        TextSampler sampler = new TextSampler(LanguageModels.embeddingLstm(5, 8), WORDS);
        StringBuilder streamed = new StringBuilder();

        String text = sampler.sample("the dog\ncat", SamplingOptions.sampled(60, 1.5, 0, 3), streamed::append);

        assertThat(text).isEqualTo(streamed.toString())
                .isEqualTo(sampler.sample("the <unk>\ncat", SamplingOptions.sampled(60, 1.5, 0, 3), piece -> { }));
        assertThat(text).doesNotContain("<eos>").contains("\n").doesNotContain("  ");
        List<String> words = Arrays.stream(text.split("[ \n]+")).filter(w -> !w.isEmpty()).toList();
        long lineBreaks = text.chars().filter(c -> c == '\n').count();
        assertThat(words).isNotEmpty().allMatch(w -> List.of("the", "cat", "sat", "<unk>").contains(w));
        assertThat(words.size() + lineBreaks).isEqualTo(60);
        assertThat(text).startsWith(text.charAt(0) == '\n' ? "\n" : " ");
    }

    @Test
    void emptyWordPrefixStartsASentence() {
        TextSampler sampler = new TextSampler(LanguageModels.embeddingLstm(5, 8), WORDS);

        String fromNothing = sampler.sample("  ", SamplingOptions.greedy(6), piece -> { });

        assertThat(fromNothing).isEqualTo(sampler.sample("\n", SamplingOptions.greedy(6), piece -> { }));
        assertThat(fromNothing).doesNotStartWith(" ");
    }

    @Test
    void prefixCharactersOutsideTheVocabularyAreNamed() {
        TextSampler sampler = new TextSampler(LanguageModels.oneHotLstm(3, 1, Activation.SOFTMAX), ABC);

        assertThatThrownBy(() -> sampler.sample("abz!z", SamplingOptions.greedy(3), piece -> { }))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--prefix: characters not in the model's vocabulary: 'z' (U+007A), '!' (U+0021);"
                        + " use only characters from the training corpus");
        assertThatThrownBy(() -> sampler.sample("", SamplingOptions.greedy(3), piece -> { }))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--prefix: must contain at least one character");
    }

    @Test
    void vocabularyMustFitTheNetwork() {
        assertThatThrownBy(() -> new TextSampler(LanguageModels.oneHotLstm(8, 1, Activation.SOFTMAX), ABC))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--model: the network outputs 8 values per step but the vocabulary has 3 symbols");
    }

    @Test
    void outputThatIsNotAProbabilityIsRefused() {
        TextSampler sampler = new TextSampler(LanguageModels.oneHotLstm(3, 1, Activation.IDENTITY), ABC);

        assertThatThrownBy(() -> sampler.sample("a", SamplingOptions.greedy(2), piece -> { }))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--model: the network's output is not a probability distribution (it sums to")
                .hasMessageEndingWith("); sampling needs a softmax output layer");
    }

    @Test
    void reloadedBundleSamplesTheSameText(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = LanguageModels.oneHotLstm(8, 6, Activation.SOFTMAX);
        Path file = dir.resolve("lm.zip");
        new ModelBundle(net, Map.of("cell", "lstm"), Map.of(), Optional.of(LETTERS), Optional.empty(),
                new Provenance("dev", "char-lm", 6, Map.of(), Instant.EPOCH, Optional.empty())).save(file);
        SamplingOptions options = SamplingOptions.sampled(30, 0.7, 4, 11);

        String original = new TextSampler(net, LETTERS).sample("bad", options, piece -> { });

        assertThat(TextSampler.of(ModelBundle.load(file)).sample("bad", options, piece -> { })).isEqualTo(original);
    }

    @Test
    void bundlesMustHoldALanguageModel() {
        Provenance provenance = new Provenance("dev", "lm", 1, Map.of(), Instant.EPOCH, Optional.empty());
        MultiLayerNetwork lm = LanguageModels.oneHotLstm(3, 1, Activation.SOFTMAX);
        ModelBundle withoutVocabulary = new ModelBundle(lm, Map.of("cell", "lstm"), Map.of(), Optional.empty(),
                Optional.empty(), provenance);
        ComputationGraph dense = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(3).nOut(3).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nIn(3).nOut(3).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build());
        dense.init();
        ModelBundle graph = new ModelBundle(dense, Map.of("cell", "lstm"), Map.of(), Optional.of(ABC), Optional.empty(),
                provenance);

        assertThatThrownBy(() -> TextSampler.of(withoutVocabulary))
                .hasMessage("--model: the bundle has no vocabulary, so it is not a language model to sample from");
        assertThatThrownBy(() -> TextSampler.of(graph))
                .hasMessage("--model: sampling needs a MultiLayerNetwork language model, but the bundle holds a"
                        + " ComputationGraph");
        assertThat(TextSampler.of(new ModelBundle(lm, Map.of("cell", "lstm"), Map.of(), Optional.of(ABC),
                Optional.empty(), provenance)).sample("a", SamplingOptions.greedy(4), piece -> { })).hasSize(4);
    }
}
