package io.rnnkit.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.Networks;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.Trainer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.TrainingResult;
import io.rnnkit.datasets.generators.AdditionGenerator;
import io.rnnkit.datasets.generators.BitOrder;
import io.rnnkit.datasets.text.CharCorpus;
import io.rnnkit.datasets.text.SharedTokenBatches;
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
import io.rnnkit.models.spec.NetworkFactory;
import io.rnnkit.models.spec.WeightInitSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * rnnkit's own recurrent layer trains on Spark in {@code local[2]} to the same quality floor as on one
 * machine: lsb-first 8-bit addition with every held-out sum right in at least 99% of cases. Executors
 * that build their own batches from recipes train as on batches the driver sends.
 */
@Tag("slow")
class SparkEpochFitterTest {

    private static final long SEED = 42;

    @TempDir
    Path dir;

    @Test
    void parameterAveragingLearnsAdditionInLocalMode() {
        ExecutionConfig spark = new ExecutionConfig(1, "local[2]", ExecutionConfig.Synchronization.AVERAGING, 5,
                "", 40123);
        assertThat(trainAddition(spark, 4)).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void gradientSharingIsRefusedOnALocalMasterWithTheReason() {
        ExecutionConfig spark = new ExecutionConfig(1, "local[2]", ExecutionConfig.Synchronization.SHARING, 5,
                "", 40123);
        TrainingConfig training = TrainingConfig.basic(1, Optimizer.ADAM, 0.01, SEED);

        assertThatThrownBy(() -> new SparkFitters().create(spark, training, "rnnkit test"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--sync sharing: DL4J's gradient-sharing transport cannot run a second Spark job")
                .hasMessageEndingWith("use --sync averaging with local[2]");
    }

    /**
     * With the corpus's ids on shared storage, only recipes go to the executors, which build the batches
     * themselves: the same batches, so the same training as when the driver sends them.
     */
    @Test
    void executorsBuildingTheirOwnBatchesTrainAsDriverSentBatchesDo() throws Exception {
        Path text = Files.writeString(dir.resolve("text.txt"),
                "the time traveller for so it will be convenient to speak of him\n".repeat(300));
        CharCorpus corpus = CharCorpus.loadShared(text, TextCleaning.NONE, false, dir.resolve("shared"));
        TokenBatchShape shape = new TokenBatchShape(8, 20, TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        ExecutionConfig spark = new ExecutionConfig(1, "local[2]", ExecutionConfig.Synchronization.AVERAGING, 5,
                "", 40123);

        TrainingResult sent = trainCharacters(spark, corpus, new MultiDataSetIteratorAdapter(corpus.sequential(shape, 1L)), "sent");
        TrainingResult recipes = trainCharacters(spark, corpus, new SharedTokenBatches(corpus.sequential(shape, 1L)), "recipes");

        assertThat(recipes.history()).hasSize(2);
        assertThat(recipes.history().get(1).trainLoss()).isLessThan(recipes.history().get(0).trainLoss());
        for (int epoch = 0; epoch < 2; epoch++) {
            assertThat(recipes.history().get(epoch).trainLoss()).as("epoch " + (epoch + 1))
                    .isCloseTo(sent.history().get(epoch).trainLoss(), within(1e-4));
            assertThat(recipes.history().get(epoch).step()).isEqualTo(sent.history().get(epoch).step());
        }
    }

    private TrainingResult trainCharacters(ExecutionConfig execution, CharCorpus corpus, MultiDataSetIterator batches,
                                           String name) {
        int symbols = corpus.vocabulary().size();
        ModelSpec spec = new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.ONE_HOT, symbols, 0, 1, 16, "tanh",
                BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, symbols, Loss.CROSS_ENTROPY,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, SEED);
        TrainingConfig training = TrainingConfig.basic(2, Optimizer.ADAM, 0.01, SEED);
        try (EpochFitter fitter = new SparkFitters().create(execution, training, "rnnkit test")) {
            return new Trainer(training, null, RunDirectory.createNew(dir.resolve(name)))
                    .withEpochFitter(fitter)
                    .train(NetworkFactory.build(spec, training), batches);
        }
    }

    /** Whole-sum accuracy on the held-out pairs after training through Spark. */
    private double trainAddition(ExecutionConfig execution, int epochs) {
        AdditionGenerator generator = new AdditionGenerator(SEED, BitOrder.LSB_FIRST, 0.2);
        ModelSpec spec = new ModelSpec(Cell.SIMPLE, Implementation.RNNKIT, InputEncoding.DENSE, 2, 0, 1, 16, "tanh",
                BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, 1, Loss.BINARY_CROSS_ENTROPY,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, SEED);
        TrainingConfig training = TrainingConfig.basic(epochs, Optimizer.ADAM, 0.01, SEED);
        Model network = NetworkFactory.build(spec, training);
        TrainingResult result;
        try (EpochFitter fitter = new SparkFitters().create(execution, training, "rnnkit test")) {
            result = new Trainer(training, null, RunDirectory.createNew(dir.resolve(execution.synchronization().name())))
                    .withEpochFitter(fitter)
                    .train(network, new MultiDataSetIteratorAdapter(generator.trainIterator(32)));
        }
        assertThat(result.history()).hasSize(epochs);
        double firstLoss = result.history().get(0).trainLoss();
        assertThat(firstLoss).as("executors' losses reach the driver").isFinite().isPositive();
        assertThat(result.history().get(epochs - 1).trainLoss()).isPositive().isLessThan(firstLoss);
        return wholeSumAccuracy(result.model(), generator.testSet());
    }

    private static double wholeSumAccuracy(Model model, DataSet test) {
        INDArray predicted = Networks.output(model, new org.nd4j.linalg.dataset.MultiDataSet(test.getFeatures(),
                test.getLabels()))[0].gt(0.5);
        INDArray wrongBits = predicted.neq(test.getLabels().gt(0.5)).castTo(DataType.INT32).sum(1, 2);
        long rightSums = 0;
        for (int wrong : wrongBits.toIntVector()) {
            rightSums += wrong == 0 ? 1 : 0;
        }
        return (double) rightSums / test.numExamples();
    }
}
