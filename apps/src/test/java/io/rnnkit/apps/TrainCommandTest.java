package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/**
 * {@code train --resume} continues a run by value: a run stopped at an epoch boundary or mid-epoch, then
 * resumed, leaves the same {@code metrics.csv} rows (wall time aside), test metrics and headline as the
 * same run left uninterrupted.
 */
@Tag("slow")
class TrainCommandTest {

    /** Stateful: the hidden state runs on from chunk to chunk, 40 one-chunk batches per epoch. */
    private static final String[] SIN_COS = {"sin-cos", "--hidden", "8"};
    /** A ComputationGraph (encoder → decoder): 2000 training pairs, so 63 batches per epoch. */
    private static final String[] SEQ2SEQ = {"seq2seq-add", "--fraction", "0.04", "--batch", "32", "--hidden", "32"};

    @TempDir
    Path dir;

    /** What a run leaves that must not depend on whether it was stopped and resumed. */
    record Outcome(List<String> history, JsonNode testMetrics, String headline) {
    }

    @Test
    void aStatefulRunResumedAtAnEpochBoundaryMatchesAnUninterruptedOne() throws Exception {
        Outcome whole = train("whole", 3, SIN_COS);

        train("part", 1, SIN_COS);
        Outcome resumed = resume("part", 3);

        assertSameOutcome(resumed, whole, 3);
    }

    @Test
    void theLearningRateDecaysAcrossAResumeAsInAnUninterruptedRun() throws Exception {
        String[] decaying = withOptions(SIN_COS, "--decay-after", "1", "--decay-factor", "0.5");
        Outcome whole = train("whole", 3, decaying);

        train("part", 1, decaying);
        Outcome resumed = resume("part", 3);

        assertSameOutcome(resumed, whole, 3);
        assertThat(column(resumed, "lr")).containsExactly("0.02", "0.01", "0.005");
    }

    @Test
    void aStatefulRunStoppedMidEpochResumesAsIfNeverStopped() throws Exception {
        Outcome whole = train("whole", 2, SIN_COS);

        stopAfterBatches("part", 2, 50, SIN_COS);
        Outcome resumed = resume("part", 2);

        assertSameOutcome(resumed, whole, 2);
    }

    @Test
    void aRunWithDropoutStoppedMidEpochDrawsTheSameMasksAfterResuming() throws Exception {
        String[] dropout = withOptions(SIN_COS, "--dropout", "0.9", "--recurrent-dropout", "0.9");
        Outcome whole = train("whole", 2, dropout);

        stopAfterBatches("part", 2, 50, dropout);
        Outcome resumed = resume("part", 2);

        assertSameOutcome(resumed, whole, 2);
    }

    @Test
    void aDecayingSeq2SeqGraphResumedAtAnEpochBoundaryMatchesAnUninterruptedOne() throws Exception {
        String[] decaying = withOptions(SEQ2SEQ, "--decay-after", "1", "--decay-factor", "0.5");
        Outcome whole = train("whole", 3, decaying);

        train("part", 1, decaying);
        Outcome resumed = resume("part", 3);

        assertSameOutcome(resumed, whole, 3);
        assertThat(column(resumed, "lr")).containsExactly("0.005", "0.0025", "0.00125");
    }

    @Test
    void aSeq2SeqGraphStoppedMidEpochResumesAsIfNeverStopped() throws Exception {
        Outcome whole = train("whole", 2, SEQ2SEQ);

        stopAfterBatches("part", 2, 70, SEQ2SEQ);
        Outcome resumed = resume("part", 2);

        assertSameOutcome(resumed, whole, 2);
    }

    private static void assertSameOutcome(Outcome resumed, Outcome whole, int epochs) {
        assertThat(whole.history()).hasSize(epochs + 1);
        assertThat(resumed.history()).containsExactlyElementsOf(whole.history());
        assertThat(resumed.testMetrics()).isEqualTo(whole.testMetrics());
        assertThat(resumed.headline()).isEqualTo(whole.headline());
    }

    private Outcome train(String name, int epochs, String... task) throws IOException {
        return outcome(name, RnnkitCliTest.run(trainArguments(name, epochs, task)));
    }

    private Outcome resume(String name, int epochs) throws IOException {
        return outcome(name, RnnkitCliTest.run("train", "--resume", dir.resolve(name).toString(),
                "--epochs", Integer.toString(epochs)));
    }

    /** Trains through the CLI, asking the trainer to stop as Ctrl-C does once {@code batches} batches are fitted. */
    private void stopAfterBatches(String name, int epochs, int batches, String... task) throws IOException {
        CommandLine.IFactory stopping = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K command = CommandLine.defaultFactory().create(type);
                if (command instanceof TrainCommand train) {
                    train.beforeTraining = (trainer, network) -> network.addListeners(new BaseTrainingListener() {
                        @Override
                        public void iterationDone(Model model, int iteration, int epoch) {
                            if (iteration + 1 == batches) {
                                trainer.requestStop();
                            }
                        }
                    });
                }
                return command;
            }
        };
        Result stopped = RnnkitCliTest.run(stopping, trainArguments(name, epochs, task));

        assertThat(stopped.status()).as(stopped.err()).isEqualTo(TrainCommand.EXIT_INTERRUPTED);
        assertThat(stopped.out()).contains("stopped; continue with: ./rnnkit train --resume " + dir.resolve(name));
        // Stopped inside epoch 2: only epoch 1 has a row.
        assertThat(Files.readAllLines(dir.resolve(name).resolve("metrics.csv"))).hasSize(2);
    }

    private String[] trainArguments(String name, int epochs, String... task) {
        return withOptions(withOptions(new String[] {"train"}, task),
                "--out", dir.resolve(name).toString(), "--epochs", Integer.toString(epochs));
    }

    private static String[] withOptions(String[] arguments, String... options) {
        return Stream.concat(Arrays.stream(arguments), Arrays.stream(options)).toArray(String[]::new);
    }

    private Outcome outcome(String name, Result result) throws IOException {
        assertThat(result.status()).as(result.err()).isZero();
        Path run = dir.resolve(name);
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        return new Outcome(MetricsRows.withoutTimings(run.resolve("metrics.csv")), summary.get("metrics"),
                result.out().strip());
    }

    private static List<String> column(Outcome outcome, String name) {
        int index = Arrays.asList(outcome.history().get(0).split(",")).indexOf(name);
        return outcome.history().stream().skip(1).map(row -> row.split(",")[index]).toList();
    }
}
