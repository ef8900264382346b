package io.rnnkit.apps.tasks;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.text.CharCorpus;
import io.rnnkit.datasets.text.RandomBpttLength;
import io.rnnkit.datasets.text.SequentialTokenIterator;
import io.rnnkit.datasets.text.SharedTokenBatches;
import io.rnnkit.datasets.text.TextCleaning;
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
import io.rnnkit.models.spec.WeightInitSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * char-lm: a character language model (d2l's setting: batch 32, 35 steps, hidden 256) on The Time
 * Machine (letters and spaces, lower case), tiny-shakespeare (raw text) or a user's UTF-8 file.
 * Training walks contiguous streams and carries the hidden state from batch to batch. The text is split
 * contiguously: the first 90% trains, the next 5% validates (the per-epoch figure, early stopping) and the last
 * 5% is the test split, scored once at the end. With {@code --spark-data DIR} the ids go to DIR, and Spark executors
 * read their training batches from there.
 */
final class CharLmTask extends LanguageModelTask {

    private static final double VALIDATION = 0.05;
    private static final double TEST = 0.05;

    @Override
    public String id() {
        return "char-lm";
    }

    @Override
    public boolean usesRandomBptt() {
        return true;
    }

    @Override
    public boolean usesFraction() {
        return true;
    }

    @Override
    public boolean readsSharedData() {
        return true;
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
            corpus = options.sparkData() == null
                    ? CharCorpus.load(options.store(), known, cleaning, known == Corpus.TIMEMACHINE)
                    : CharCorpus.loadShared(options.store(), known, cleaning, known == Corpus.TIMEMACHINE, options.sparkData());
            sha = known.files().get(0).sha256();
        } else {
            corpus = options.sparkData() == null
                    ? CharCorpus.load(Path.of(name), TextCleaning.NONE, false)
                    : CharCorpus.loadShared(Path.of(name), TextCleaning.NONE, false, options.sparkData());
            sha = Checksums.of(Path.of(name));
        }
        TokenSequence tokens = corpus.tokens();
        int trainEnd = (int) Math.round(tokens.length() * (1 - VALIDATION - TEST));
        int validationEnd = (int) Math.round(tokens.length() * (1 - TEST));
        TokenSequence train = tokens.slice(0, (int) Math.max(1, Math.round(trainEnd * options.fraction())));
        TokenSequence validation = tokens.slice(trainEnd, validationEnd);
        TokenSequence test = tokens.slice(validationEnd, tokens.length());
        int vocabulary = corpus.vocabulary().size();
        TokenBatchShape shape = new TokenBatchShape(options.batchOr(32), options.stepsOr(35),
                TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        TokenBatchShape evaluation = new TokenBatchShape(Math.min(shape.batchSize(), 8), shape.steps(),
                TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        requireEnough(name, tokens.length(), "training part (90%" + (options.fraction() < 1 ? " x --fraction" : ""),
                train.length(), shape);
        requireEnough(name, tokens.length(), "validation part (5%", validation.length(), evaluation);
        requireEnough(name, tokens.length(), "test part (5%", test.length(), evaluation);
        SequentialTokenIterator training = new SequentialTokenIterator(train, vocabulary, shape, options.seed(),
                options.randomBptt() ? new RandomBpttLength(shape.steps()) : null, options.seed() + 1);
        return new TaskData(
                options.sparkData() == null ? new MultiDataSetIteratorAdapter(training) : new SharedTokenBatches(training),
                new MultiDataSetIteratorAdapter(new SequentialTokenIterator(validation, vocabulary, evaluation, null)),
                new MultiDataSetIteratorAdapter(new SequentialTokenIterator(test, vocabulary, evaluation, null)),
                vocabulary, vocabulary, corpus.vocabulary(), null, Map.of(Path.of(name).getFileName().toString(), sha));
    }

    /** A one-line error naming the corpus, the part too short for its batches, and what would help. */
    private static void requireEnough(String corpus, int total, String part, int length, TokenBatchShape shape) {
        int needed = SequentialTokenIterator.tokensNeeded(shape);
        if (length < needed) {
            boolean smaller = shape.batchSize() > 1 || shape.steps() > 1;
            throw new UserInputException("--corpus: " + corpus + " has " + total + " characters; its " + part + ": "
                    + length + ") is too short for batches of " + shape.batchSize() + " rows x " + shape.steps()
                    + " steps, which need " + needed + "; use " + (smaller ? "a smaller --batch or --steps, or " : "")
                    + "a longer text");
        }
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
