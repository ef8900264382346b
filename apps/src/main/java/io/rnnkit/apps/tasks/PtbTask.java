package io.rnnkit.apps.tasks;

import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.text.PtbCorpus;
import io.rnnkit.datasets.text.RandomBpttLength;
import io.rnnkit.datasets.text.SequentialTokenIterator;
import io.rnnkit.datasets.text.TokenBatchShape;
import io.rnnkit.datasets.text.TokenEncoding;
import io.rnnkit.datasets.text.TokenSequence;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.Regularization;
import io.rnnkit.models.spec.WeightInitSpec;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * ptb: word language model on Penn Treebank (10k vocabulary), the "small" configuration of Zaremba
 * et al. 2014: embedding 200, 2 × LSTM 200, batch 20, 35 steps, SGD lr 1.0 kept 4 epochs then
 * halved each epoch, 13 epochs, gradients clipped to global norm 5, weights U(−0.1, 0.1), no
 * dropout, state carried across batches.
 *
 * <p>{@code --preset regularized} is a medium-sized model with the AWD-LSTM regularisers, sized for test
 * perplexity below 90 in about two hours on two cores: embedding 500 tied to the softmax, 2 × LSTM 500,
 * locked dropout keeping 0.65 of the embedding's output, 0.75 between the layers and 0.6 of the last layer's
 * output, weight drop keeping 0.8, embedding dropout keeping 0.9, random BPTT lengths around 35, weights
 * U(−0.05, 0.05), SGD lr 1.0 kept 5 epochs then × 0.65 per epoch, 14 epochs, NT-ASGD after 3 stalled epochs.
 */
final class PtbTask extends LanguageModelTask {

    /** The name of the regularised medium-sized preset. */
    static final String REGULARIZED = "regularized";
    private static final int REGULARIZED_SIZE = 500;

    @Override
    public String id() {
        return "ptb";
    }

    @Override
    public boolean usesFraction() {
        return true;
    }

    @Override
    public boolean usesRandomBptt() {
        return true;
    }

    @Override
    public Set<String> presets() {
        return Set.of(REGULARIZED);
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        PtbCorpus corpus = PtbCorpus.load(options.store());
        int vocabulary = corpus.vocabulary().size();
        TokenBatchShape shape = new TokenBatchShape(options.batchOr(20), options.stepsOr(35),
                TokenEncoding.INDEX, TokenEncoding.INDEX);
        TokenSequence train = TokenSequence.of(corpus.tokens(PtbCorpus.Split.TRAIN));
        TokenSequence used = train.slice(0, (int) Math.round(train.length() * options.fraction()));
        return new TaskData(
                new MultiDataSetIteratorAdapter(new SequentialTokenIterator(used, vocabulary, shape, null,
                        randomBptt(options) ? new RandomBpttLength(shape.steps()) : null, options.seed())),
                new MultiDataSetIteratorAdapter(corpus.iterator(PtbCorpus.Split.VALID, shape)),
                new MultiDataSetIteratorAdapter(corpus.iterator(PtbCorpus.Split.TEST, shape)),
                vocabulary, vocabulary, corpus.vocabulary(), null,
                Corpus.PTB.files().stream().collect(Collectors.toMap(file -> file.fileName(), file -> file.sha256())));
    }

    /** Random BPTT lengths: asked for, or part of the regularised preset. */
    private static boolean randomBptt(TaskOptions options) {
        return options.randomBptt() || options.isPreset(REGULARIZED);
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        if (options.isPreset(REGULARIZED)) {
            return new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.INDEX, data.inputSize(),
                    REGULARIZED_SIZE, 2, REGULARIZED_SIZE, "tanh", BidirectionalMode.NONE, 1.0, 1.0,
                    Head.STEP_CLASSIFICATION, 0, data.outputSize(), Loss.CROSS_ENTROPY, new WeightInitSpec("uniform:0.05"),
                    0.0, 0, DataType.FLOAT, options.seed(), new Regularization(0.65, 0.75, 0.6, 0.8, 0.9, true));
        }
        return new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.INDEX, data.inputSize(), 200, 2, 200,
                "tanh", BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, data.outputSize(),
                Loss.CROSS_ENTROPY, new WeightInitSpec("uniform:0.1"), 0.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return new TrainingConfig(13, Optimizer.SGD, 1.0, 4, 0.5, 5.0, 0, true, seed);
    }

    @Override
    public TrainingConfig defaultTraining(long seed, TaskOptions options) {
        return options.isPreset(REGULARIZED)
                ? new TrainingConfig(14, Optimizer.SGD, 1.0, 5, 0.65, 5.0, 0, true, seed, 3)
                : defaultTraining(seed);
    }

    @Override
    public void writePlots(Model model, TaskData data, RunDirectory run) throws IOException {
        // The perplexity curve is the learning curve; no extra plot.
    }
}
