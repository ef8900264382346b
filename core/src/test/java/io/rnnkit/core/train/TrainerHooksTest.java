package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** The trainer's hooks for the training UI and the report: extra listeners, and a call after each checkpoint. */
class TrainerHooksTest {

    private static final List<DataSet> DATA = ToyNetworks.echoData(6, 16, 11);

    @TempDir
    Path dir;

    @Test
    void extraListenersSeeEveryBatchOfTheResumedNetworkToo() {
        TrainingConfig two = TrainingConfig.basic(2, Optimizer.ADAM, 0.02, 5);
        TrainingConfig three = TrainingConfig.basic(3, Optimizer.ADAM, 0.02, 5);
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        AtomicInteger first = new AtomicInteger();
        new Trainer(two, null, run).withListeners(List.of(counting(first)))
                .train(ToyNetworks.echoLstm(two), ToyNetworks.iterator(DATA));
        AtomicInteger resumed = new AtomicInteger();
        new Trainer(three, null, RunDirectory.existing(run.root())).withListeners(List.of(counting(resumed)))
                .resume(ToyNetworks.echoLstm(three), ToyNetworks.iterator(DATA));

        assertThat(first.get()).isEqualTo(12);
        assertThat(resumed.get()).isEqualTo(6);
    }

    @Test
    void afterCheckpointRunsOncePerEpochWithTheHistoryAlreadyOnDisk() {
        TrainingConfig config = TrainingConfig.basic(3, Optimizer.ADAM, 0.02, 5);
        RunDirectory run = RunDirectory.createNew(dir.resolve("run"));
        List<Integer> sizes = new ArrayList<>();
        List<Long> csvLines = new ArrayList<>();

        new Trainer(config, null, run).afterCheckpoint(history -> {
            sizes.add(history.size());
            try {
                csvLines.add((long) Files.readAllLines(run.metricsCsv()).size());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).train(ToyNetworks.echoLstm(config), ToyNetworks.iterator(DATA));

        assertThat(sizes).containsExactly(1, 2, 3);
        assertThat(csvLines).containsExactly(2L, 3L, 4L);
    }

    private static TrainingListener counting(AtomicInteger batches) {
        return new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                batches.incrementAndGet();
            }
        };
    }
}
