package io.rnnkit.core.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.train.GlobalNormClipping;
import io.rnnkit.core.train.Networks;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.ToyNetworks;
import io.rnnkit.core.train.Trainer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Two ParallelWrapper replicas on the CPU learn what one thread learns, with the trainer's listeners inside. */
class ParallelWrapperFitterTest {

    private static final List<DataSet> TRAIN = ToyNetworks.echoData(24, 16, 11);
    private static final List<DataSet> HELD_OUT = ToyNetworks.echoData(1, 64, 12);
    /** Nats per sequence below the input-blind baseline that gradient sharing must reach. */
    private static final double FLOOR_MARGIN = 0.2;

    @TempDir
    Path dir;

    @Test
    void twoAveragingWorkersLearnTheEchoTask() {
        TrainingConfig config = new TrainingConfig(10, Optimizer.ADAM, 0.02, 0, 1.0, 50.0, 0, false, 5);
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        ExecutionConfig twoWorkers = new ExecutionConfig(2, "", ExecutionConfig.Synchronization.AVERAGING, 2, "", 40123);

        TrainingResult result = train(config, twoWorkers, net, "averaging");

        // Chance is ln(4) * 8 steps = 11.1 nats per sequence; one thread gets below 2 on this data.
        assertThat(result.history()).hasSize(10);
        assertThat(result.history().get(0).trainLoss()).isGreaterThan(8.0);
        assertThat(result.history().get(9).trainLoss()).isLessThan(3.0);
        assertThat(net.score(HELD_OUT.get(0))).isLessThan(3.0);
        assertThat(result.history().get(9).step()).isEqualTo(240);
        GlobalNormClipping clipping = (GlobalNormClipping) Networks.listeners(net).stream()
                .filter(GlobalNormClipping.class::isInstance).findFirst().orElseThrow();
        assertThat(clipping.lastNormBeforeClipping()).as("clipping ran inside the replicas").isPositive().isFinite();
    }

    @Test
    void twoGradientSharingWorkersSteadilyLowerTheLoss() {
        TrainingConfig config = TrainingConfig.basic(10, Optimizer.ADAM, 0.02, 5);
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        ExecutionConfig sharing = new ExecutionConfig(2, "", ExecutionConfig.Synchronization.SHARING, 1, "", 40123);

        TrainingResult result = train(config, sharing, net, "sharing");

        // Threshold-encoded updates move a model this small slowly (10.80 to 10.49 nats here, where
        // averaging reaches 0.003): assert steady progress, and a held-out loss (10.50 here) clearly below
        // the 10.87 of a model that ignores its input, so the workers learned to use the previous symbol.
        List<Double> losses = result.history().stream().map(epoch -> epoch.trainLoss()).toList();
        double unigram = ToyNetworks.unigramLoss(TRAIN, HELD_OUT.get(0));
        assertThat(unigram).isCloseTo(10.87, within(0.05));
        assertThat(losses.get(0)).isGreaterThan(8.0);
        assertThat(losses).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(losses.get(9)).isLessThan(losses.get(0) - 0.2);
        assertThat(net.score(HELD_OUT.get(0))).isLessThan(unigram - FLOOR_MARGIN);
    }

    @Test
    void theTrainerCountsEveryBatchTheWorkersFit() {
        TrainingConfig config = TrainingConfig.basic(1, Optimizer.ADAM, 0.02, 5);
        ExecutionConfig twoWorkers = ExecutionConfig.fromMap(Map.of("workers", "2"));
        TrainingResult result = train(config, twoWorkers, ToyNetworks.echoLstm(config), "count");

        assertThat(result.history()).singleElement().satisfies(epoch -> {
            assertThat(epoch.step()).isEqualTo(TRAIN.size());
            assertThat(epoch.trainLoss()).isFinite().isGreaterThan(0.0);
        });
        assertThat(result.itemsPerSecond()).isPositive();
    }

    @Test
    void aStopRequestEndsTheRunAfterTheCurrentEpochWithACheckpoint() {
        TrainingConfig config = TrainingConfig.basic(5, Optimizer.ADAM, 0.02, 5);
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        RunDirectory run = RunDirectory.createNew(dir.resolve("stopped"));
        Trainer trainer = new Trainer(config, null, run);
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                trainer.requestStop();
            }
        });

        TrainingResult result;
        try (ParallelWrapperFitter fitter = new ParallelWrapperFitter(ExecutionConfig.fromMap(Map.of("workers", "2")))) {
            result = trainer.withEpochFitter(fitter).train(net, ToyNetworks.iterator(TRAIN));
        }

        assertThat(result.interrupted()).isTrue();
        assertThat(result.history()).isEmpty();
        assertThat(run.checkpoint()).exists();

        // The stopped epoch was fitted whole, so resuming only closes it, with the loss it had.
        TrainingResult resumed = new Trainer(TrainingConfig.basic(1, Optimizer.ADAM, 0.02, 5), null,
                RunDirectory.existing(run.root())).resume(ToyNetworks.echoLstm(config), ToyNetworks.iterator(TRAIN));
        assertThat(resumed.history()).singleElement().satisfies(epoch -> {
            assertThat(epoch.step()).isEqualTo(TRAIN.size());
            assertThat(epoch.trainLoss()).isFinite().isGreaterThan(0.0);
        });
    }

    private TrainingResult train(TrainingConfig config, ExecutionConfig execution, MultiLayerNetwork net, String run) {
        try (ParallelWrapperFitter fitter = new ParallelWrapperFitter(execution)) {
            return new Trainer(config, null, RunDirectory.createNew(dir.resolve(run)))
                    .withEpochFitter(fitter)
                    .train(net, ToyNetworks.iterator(TRAIN));
        }
    }
}
