package io.rnnkit.apps.tasks;

import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.text.CharCorpus;
import io.rnnkit.datasets.text.SequentialTokenIterator;
import io.rnnkit.datasets.text.TextCleaning;
import io.rnnkit.datasets.text.TokenBatchShape;
import io.rnnkit.datasets.text.TokenEncoding;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * char-lm: a character language model (d2l's setting: batch 32, 35 steps, hidden 256) on The Time
 * Machine (letters and spaces, lower case), tiny-shakespeare (raw text) or a user's UTF-8 file.
 * Training walks contiguous streams and carries the hidden state from batch to batch; the last
 * 10% of the text is held out for validation and test perplexity.
 */
final class CharLmTask extends LanguageModelTask {

    private static final double HELD_OUT = 0.1;

    @Override
    public String id() {
        return "char-lm";
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        String name = options.corpusOr("timemachine");
        CharCorpus corpus;
        String sha;
        if (name.equals("timemachine") || name.equals("shakespeare")) {
            Corpus known = Corpus.byId(name);
            TextCleaning cleaning = known == Corpus.TIMEMACHINE ? TextCleaning.LETTERS_AND_SPACES : TextCleaning.NONE;
            // Only the d2l cleaning keeps an unknown symbol; elsewhere a prefix outside the corpus is an error.
            corpus = CharCorpus.load(options.store(), known, cleaning, known == Corpus.TIMEMACHINE);
            sha = known.files().get(0).sha256();
        } else {
            corpus = CharCorpus.load(Path.of(name), TextCleaning.NONE, false);
            sha = Checksums.of(Path.of(name));
        }
        int[] tokens = corpus.tokens();
        int split = (int) Math.round(tokens.length * (1 - HELD_OUT));
        int[] train = Arrays.copyOf(tokens, (int) Math.max(1, Math.round(split * options.fraction())));
        int[] heldOut = Arrays.copyOfRange(tokens, split, tokens.length);
        int vocabulary = corpus.vocabulary().size();
        TokenBatchShape shape = new TokenBatchShape(options.batchOr(32), options.stepsOr(35),
                TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        TokenBatchShape evaluation = new TokenBatchShape(Math.min(shape.batchSize(), 8), shape.steps(),
                TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        return new TaskData(
                new MultiDataSetIteratorAdapter(new SequentialTokenIterator(train, vocabulary, shape, options.seed())),
                new MultiDataSetIteratorAdapter(new SequentialTokenIterator(heldOut, vocabulary, evaluation, null)),
                new MultiDataSetIteratorAdapter(new SequentialTokenIterator(heldOut, vocabulary, evaluation, null)),
                vocabulary, vocabulary, corpus.vocabulary(), null, Map.of(Path.of(name).getFileName().toString(), sha));
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        return new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.ONE_HOT, data.inputSize(), 0, 1, 256,
                "tanh", BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, data.outputSize(),
                Loss.CROSS_ENTROPY, new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return new TrainingConfig(20, Optimizer.ADAM, 0.005, 0, 1.0, 1.0, 0, true, seed);
    }

    @Override
    public void writePlots(Model model, TaskData data, RunDirectory run) throws IOException {
        // The perplexity curve is the learning curve; samples are written by the train command.
    }
}
