package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    @TempDir
    Path dir;

    private static final List<DataSet> DATA = ToyNetworks.echoData(6, 16, 11);

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.basic(epochs, Optimizer.ADAM, 0.02, 5);
    }

    private static Validation lossValidation() {
        return new Validation("loss", false, model -> {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            return Map.of("loss", net.score(DATA.get(0)));
        });
    }

    @Test
    void aSmallLstmLearnsToEchoThePreviousSymbol() throws Exception {
        TrainingConfig config = config(12);
        Trainer trainer = new Trainer(config, lossValidation(), RunDirectory.createNew(dir.resolve("run")));

        TrainingResult result = trainer.train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        // Chance level is ln(4) * 8 steps = 11.1 nats per sequence; learning the echo drives it far lower.
        assertThat(result.history()).hasSize(12);
        assertThat(result.history().get(0).trainLoss()).isGreaterThan(8.0);
        assertThat(result.finalMetrics().get("loss")).isLessThan(2.0);
        assertThat(result.itemsPerSecond()).isPositive();
        List<String> rows = Files.readAllLines(dir.resolve("run/metrics.csv"));
        assertThat(rows).hasSize(13).first()
                .isEqualTo("epoch,step,lr,train_loss,validation_metric,seconds,items_per_second");
        assertThat(result.history()).allSatisfy(record -> assertThat(record.itemsPerSecond()).isPositive());
    }

    @Test
    void resumingFromACheckpointGivesTheSameLossCurveAsAnUninterruptedRun() {
        TrainingConfig full = config(4);
        TrainingResult uninterrupted = new Trainer(full, lossValidation(), RunDirectory.createNew(dir.resolve("a")))
                .train(ToyNetworks.echoLstm(full), ToyNetworks.iterator(DATA));

        TrainingConfig half = config(2);
        RunDirectory resumed = RunDirectory.createNew(dir.resolve("b"));
        new Trainer(half, lossValidation(), resumed).train(ToyNetworks.echoLstm(half), ToyNetworks.iterator(DATA));
        TrainingResult continued = new Trainer(full, lossValidation(), RunDirectory.existing(resumed.root()))
                .resume(ToyNetworks.echoLstm(full), ToyNetworks.iterator(DATA));

        assertThat(losses(continued)).hasSize(4).containsExactlyElementsOf(losses(uninterrupted));
        assertThat(continued.finalMetrics()).isEqualTo(uninterrupted.finalMetrics());
    }

    /** Asks {@code trainer} to stop once {@code net} has fitted {@code batches} batches, as Ctrl-C would. */
    private static void stopAfterBatches(Trainer trainer, MultiLayerNetwork net, int batches) {
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                if (iteration + 1 == batches) {
                    trainer.requestStop();
                }
            }
        });
    }

    @Test
    void aStopRequestCheckpointsMidEpochAndResumeFinishesTheRun() throws Exception {
        TrainingConfig config = config(2);
        TrainingResult uninterrupted = new Trainer(config, lossValidation(), RunDirectory.createNew(dir.resolve("a")))
                .train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        Trainer trainer = new Trainer(config, lossValidation(), run);
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        stopAfterBatches(trainer, net, 9);

        TrainingResult stopped = trainer.train(net, ToyNetworks.iterator(DATA));

        assertThat(stopped.interrupted()).isTrue();
        assertThat(stopped.history()).hasSize(1);
        TrainerState state = Checkpoint.load(run.checkpoint(), net).state();
        assertThat(state.epochsCompleted()).isEqualTo(1);
        assertThat(state.batchesIntoEpoch()).isEqualTo(3);

        TrainingResult finished = new Trainer(config, lossValidation(), RunDirectory.existing(run.root()))
                .resume(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));
        assertThat(finished.interrupted()).isFalse();
        assertThat(finished.history()).hasSize(2);
        assertThat(finished.history().get(1).step()).isEqualTo(12);
        // The resumed epoch's loss averages all six of its batches, the three before the stop included.
        assertThat(losses(finished)).containsExactlyElementsOf(losses(uninterrupted));
        assertThat(finished.finalMetrics()).isEqualTo(uninterrupted.finalMetrics());
    }

    @Test
    void aStopAfterAnEpochsLastBatchResumesWithThatEpochsLoss() {
        TrainingConfig config = config(2);
        TrainingResult uninterrupted = new Trainer(config, lossValidation(), RunDirectory.createNew(dir.resolve("a")))
                .train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        Trainer trainer = new Trainer(config, lossValidation(), run);
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        stopAfterBatches(trainer, net, DATA.size());

        assertThat(trainer.train(net, ToyNetworks.iterator(DATA)).history()).isEmpty();
        TrainingResult finished = new Trainer(config, lossValidation(), RunDirectory.existing(run.root()))
                .resume(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        assertThat(losses(finished)).containsExactlyElementsOf(losses(uninterrupted));
    }

    @Test
    void aMidEpochCheckpointOfAStatefulRunCarriesItsStateIntoTheResumedEpoch() {
        TrainingConfig config = new TrainingConfig(2, Optimizer.ADAM, 0.02, 0, 1, 0, 0, true, 5);
        INDArray carried = Nd4j.createFromArray(new float[][] {{0.25f, -1.5f, 3.0f}});
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        Trainer trainer = new Trainer(config, null, run).withCarriedState(
                CarriedState.of(model -> { }, model -> Map.of("0.h", carried), (model, arrays) -> { }));
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        stopAfterBatches(trainer, net, 9);
        trainer.train(net, ToyNetworks.iterator(DATA));
        List<Map<String, INDArray>> restored = new ArrayList<>();

        new Trainer(config, null, RunDirectory.existing(run.root()))
                .withCarriedState(CarriedState.of(model -> { }, model -> Map.of(),
                        (model, arrays) -> restored.add(arrays)))
                .resume(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        assertThat(restored).containsExactly(Map.of("0.h", carried));
    }

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        TrainingConfig config = config(3);
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        List<DataSet> poisoned = new ArrayList<>(DATA.stream().map(DataSet::copy).toList());
        AtomicInteger epochs = new AtomicInteger();
        Trainer trainer = new Trainer(config, new Validation("loss", false, model -> {
            if (epochs.incrementAndGet() == 1) {
                poisoned.get(2).getFeatures().putScalar(0, Double.NaN);
            }
            return Map.of("loss", 1.0);
        }), run);
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);

        assertThatThrownBy(() -> trainer.train(net, ToyNetworks.iterator(poisoned)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("loss is NaN at epoch 2, batch 3")
                .hasMessageContaining("epoch 1's checkpoint is kept")
                .hasMessageContaining("--resume " + run.root());
        assertThat(Checkpoint.load(run.checkpoint(), net).state().epochsCompleted()).isEqualTo(1);
    }

    @Test
    void aNanLossBeforeTheFirstCheckpointNamesNoCheckpoint() {
        TrainingConfig config = config(3);
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        List<DataSet> poisoned = new ArrayList<>(DATA.stream().map(DataSet::copy).toList());
        poisoned.get(1).getFeatures().putScalar(0, Double.NaN);

        assertThatThrownBy(() -> new Trainer(config, null, run).train(ToyNetworks.echoLstm(config),
                ToyNetworks.iterator(poisoned)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("loss is NaN at epoch 1, batch 2, before the first checkpoint")
                .hasMessageNotContaining("is kept");
        assertThat(run.checkpoint()).doesNotExist();
    }

    @Test
    void resumeRebuildsMetricsCsvFromTheCheckpoint() throws Exception {
        TrainingConfig config = config(2);
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        new Trainer(config(1), lossValidation(), run).train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));
        List<String> afterOne = Files.readAllLines(run.metricsCsv());
        Files.delete(run.metricsCsv());
        Files.writeString(run.root().resolve(".checkpoint.zip123.tmp"), "torn");

        TrainingResult resumed = new Trainer(config, lossValidation(), RunDirectory.existing(run.root()))
                .resume(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        assertThat(resumed.history()).hasSize(2);
        assertThat(Files.readAllLines(run.metricsCsv())).hasSize(3).startsWith(afterOne.toArray(String[]::new));
        assertThat(run.root().resolve(".checkpoint.zip123.tmp")).doesNotExist();
    }

    @Test
    void resumeRefusesFewerEpochsThanTheRunHasFinished() {
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        new Trainer(config(2), null, run).train(ToyNetworks.echoLstm(config(2)), ToyNetworks.iterator(DATA));

        assertThatThrownBy(() -> new Trainer(config(1), null, RunDirectory.existing(run.root()))
                .resume(ToyNetworks.echoLstm(config(1)), ToyNetworks.iterator(DATA)))
                .isInstanceOf(UserInputException.class).hasMessage("--epochs: this run has already finished 2 epochs, got 1");
    }

    @Test
    void earlyStoppingEndsTheRunAfterPatienceEpochsWithoutImprovement() {
        TrainingConfig config = new TrainingConfig(10, Optimizer.ADAM, 0.02, 0, 1, 0, 2, false, 5);
        Validation flat = new Validation("accuracy", true, model -> Map.of("accuracy", 0.5));

        TrainingResult result = new Trainer(config, flat, RunDirectory.createNew(dir.resolve("run")))
                .train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.history()).hasSize(3);
    }

    @Test
    void statefulRunsResetStateAtEachEpochStart() {
        TrainingConfig config = new TrainingConfig(3, Optimizer.ADAM, 0.02, 0, 1, 0, 0, true, 5);
        AtomicInteger resets = new AtomicInteger();

        new Trainer(config, null, RunDirectory.createNew(dir.resolve("run")))
                .withCarriedState(CarriedState.of(model -> resets.incrementAndGet(), model -> Map.of(),
                        (model, arrays) -> { }))
                .train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        assertThat(resets).hasValue(3);
    }

    @Test
    void refusesToWriteIntoANonEmptyRunDirectory() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "earlier run");

        assertThatThrownBy(() -> RunDirectory.createNew(dir))
                .isInstanceOf(UserInputException.class).hasMessageContaining("already exists and is not empty");
        assertThatThrownBy(() -> RunDirectory.existing(dir))
                .isInstanceOf(UserInputException.class).hasMessageContaining("has no checkpoint");
    }

    @Test
    void aDirectoryHoldingOnlyALockAndTornWritesCountsAsEmpty() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(RunLock.FILE_NAME), "12345\n");
        Files.writeString(run.resolve(".run.properties987.tmp"), "torn");

        RunDirectory.createNew(run);

        assertThat(run.resolve(".run.properties987.tmp")).doesNotExist();
    }

    @Test
    void aFileIsNotARunDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), "");

        assertThatThrownBy(() -> RunDirectory.createNew(file))
                .isInstanceOf(UserInputException.class).hasMessageContaining("is a file, not a directory");
    }

    /** Records the network's weights after every training step. */
    private static List<INDArray> recordIterates(MultiLayerNetwork net) {
        List<INDArray> iterates = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                iterates.add(model.params().dup());
            }
        });
        return iterates;
    }

    private static INDArray meanOf(List<INDArray> arrays) {
        INDArray sum = arrays.get(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        for (INDArray array : arrays.subList(1, arrays.size())) {
            sum = sum.add(array.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        }
        return sum.divi(arrays.size());
    }

    @Test
    void averagedSgdStartsWhenValidationStallsAndEndsWithTheMeanOfTheLaterIterates() {
        // A flat validation figure: epoch 1 sets the best, epoch 2 fails to improve on it, so averaging starts after it.
        TrainingConfig config = new TrainingConfig(4, Optimizer.SGD, 0.5, 0, 1.0, 0, 0, false, 5, 1);
        List<INDArray> validated = new ArrayList<>();
        Validation flat = new Validation("loss", false, model -> {
            validated.add(model.params().dup());
            return Map.of("loss", 1.0);
        });
        MultiLayerNetwork net = ToyNetworks.echoLstm(config);
        List<INDArray> iterates = recordIterates(net);

        TrainingResult result = new Trainer(config, flat, RunDirectory.createNew(dir.resolve("asgd")))
                .train(net, ToyNetworks.iterator(DATA));

        int perEpoch = DATA.size();
        assertThat(iterates).hasSize(4 * perEpoch);
        assertThat(validated.get(1)).as("epoch 2 validates the plain weights").isEqualTo(iterates.get(2 * perEpoch - 1));
        INDArray epoch3 = meanOf(iterates.subList(2 * perEpoch, 3 * perEpoch));
        INDArray epochs3and4 = meanOf(iterates.subList(2 * perEpoch, 4 * perEpoch));
        assertThat(maxDiff(validated.get(2), epoch3)).as("epoch 3 validates the mean of its iterates").isLessThan(1e-6);
        assertThat(maxDiff(result.model().params(), epochs3and4)).isLessThan(1e-6);
        assertThat(maxDiff(epochs3and4, iterates.get(4 * perEpoch - 1).castTo(epochs3and4.dataType())))
                .as("the mean is not the last iterate").isGreaterThan(1e-3);
    }

    @Test
    void averagedSgdResumesWithItsAverage() {
        TrainingConfig full = new TrainingConfig(4, Optimizer.SGD, 0.5, 0, 1.0, 0, 0, false, 5, 1);
        Validation flat = new Validation("loss", false, model -> Map.of("loss", 1.0));
        TrainingResult uninterrupted = new Trainer(full, flat, RunDirectory.createNew(dir.resolve("a")))
                .train(ToyNetworks.echoLstm(full), ToyNetworks.iterator(DATA));

        TrainingConfig three = new TrainingConfig(3, Optimizer.SGD, 0.5, 0, 1.0, 0, 0, false, 5, 1);
        RunDirectory resumed = RunDirectory.createNew(dir.resolve("b"));
        new Trainer(three, flat, resumed).train(ToyNetworks.echoLstm(three), ToyNetworks.iterator(DATA));
        TrainingResult continued = new Trainer(full, flat, RunDirectory.existing(resumed.root()))
                .resume(ToyNetworks.echoLstm(full), ToyNetworks.iterator(DATA));

        assertThat(continued.model().params()).isEqualTo(uninterrupted.model().params());
    }

    /** A validation that reports {@code losses} in turn (the last one from then on) and records what it scored. */
    private static Validation scripted(List<INDArray> scored, double... losses) {
        AtomicInteger calls = new AtomicInteger();
        return new Validation("loss", false, model -> {
            scored.add(model.params().dup());
            return Map.of("loss", losses[Math.min(calls.getAndIncrement(), losses.length - 1)]);
        });
    }

    private static TrainingConfig keepingBest(int epochs, boolean keepBest) {
        return new TrainingConfig(epochs, Optimizer.ADAM, 0.02, 0, 1.0, 0, 0, false, 5, 0, keepBest);
    }

    /** A fresh run of the echo LSTM for {@code epochs}, with or without keep-best, in {@code run}. */
    private static TrainingResult trainEcho(int epochs, boolean keepBest, Validation validation, RunDirectory run) {
        return new Trainer(keepingBest(epochs, keepBest), validation, run)
                .train(ToyNetworks.echoLstm(keepingBest(epochs, keepBest)), ToyNetworks.iterator(DATA));
    }

    @Test
    void keepBestFinishesWithTheWeightsOfTheEpochThatValidatedBest() {
        List<INDArray> scored = new ArrayList<>();
        TrainingResult result = trainEcho(4, true, scripted(scored, 3.0, 1.0, 2.0, 1.5, 9.0),
                RunDirectory.createNew(dir.resolve("best")));

        assertThat(result.modelEpoch()).isEqualTo(2);
        assertThat(result.model().params()).isEqualTo(scored.get(1));
        assertThat(scored).as("four epochs, then the kept weights once more").hasSize(5);
        assertThat(scored.get(4)).isEqualTo(scored.get(1));
        assertThat(result.finalMetrics()).containsEntry("loss", 9.0);
        assertThat(maxDiff(scored.get(1), scored.get(3))).as("the last epoch's weights differ").isGreaterThan(1e-3);
    }

    @Test
    void withoutKeepBestARunFinishesWithItsLastWeights() {
        List<INDArray> scored = new ArrayList<>();
        TrainingResult result = trainEcho(4, false, scripted(scored, 3.0, 1.0, 2.0, 1.5),
                RunDirectory.createNew(dir.resolve("last")));

        assertThat(result.modelEpoch()).isEqualTo(4);
        assertThat(scored).hasSize(4);
        assertThat(result.model().params()).isEqualTo(scored.get(3));
    }

    @Test
    void keepBestSurvivesAResume() {
        List<INDArray> scored = new ArrayList<>();
        TrainingResult uninterrupted = trainEcho(4, true, scripted(scored, 3.0, 1.0, 2.0, 1.5),
                RunDirectory.createNew(dir.resolve("a")));

        RunDirectory resumed = RunDirectory.createNew(dir.resolve("b"));
        trainEcho(3, true, scripted(new ArrayList<>(), 3.0, 1.0, 2.0), resumed);
        TrainingResult continued = new Trainer(keepingBest(4, true), scripted(new ArrayList<>(), 1.5),
                RunDirectory.existing(resumed.root())).resume(ToyNetworks.echoLstm(keepingBest(4, true)),
                ToyNetworks.iterator(DATA));

        assertThat(continued.modelEpoch()).isEqualTo(2);
        assertThat(continued.model().params()).isEqualTo(uninterrupted.model().params()).isEqualTo(scored.get(1));
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
                .amaxNumber().doubleValue();
    }

    private static List<Double> losses(TrainingResult result) {
        return result.history().stream().map(EpochRecord::trainLoss).toList();
    }
}
