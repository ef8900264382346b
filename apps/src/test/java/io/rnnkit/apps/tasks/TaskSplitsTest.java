package io.rnnkit.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.datasets.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Each task's splits, as the CLI builds them with its default seed: no example, window or chunk
 * of one split occurs in another, and validation is never the test data.
 */
class TaskSplitsTest {

    @Test
    void wavesSequencesOccurInOneSplitOnly() {
        assertDisjoint("waves", 1400, 300, 600);
    }

    @Test
    void additionPairsOccurInOneSplitOnly() {
        assertDisjoint("addition", 11_469, 1638, 3277);
    }

    @Test
    void sinNextWindowsOccurInOneSplitOnly() {
        assertDisjoint("sin-next", 9995, 995, 995);
    }

    @Test
    void sinCosChunksOccurInOneSplitOnly() {
        assertDisjoint("sin-cos", 40, 10, 20);
    }

    @Test
    void seq2seqQuestionsOccurInOneSplitOnly() {
        assertDisjoint("seq2seq-add", 50_000, 2000, 2000);
    }

    @Test
    void uciSeriesOccurInOneSplitOnly() {
        String data = System.getenv(DataDirectory.ENV_VARIABLE);
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data)),
                "RNNKIT_DATA is not set to the corpora directory; skipping the uci split check");
        assertDisjoint("uci", 390, 60, 150);
    }

    /** Each split holds the expected number of distinct examples, and no example is in two. */
    private static void assertDisjoint(String task, int train, int validation, int test) {
        TaskData data = Tasks.byId(task).prepare(CliDefaults.OPTIONS);
        assertThat(data.validation()).isNotSameAs(data.test());
        Set<String> trainRows = rows(data.train());
        Set<String> validationRows = rows(data.validation());
        Set<String> testRows = rows(data.test());

        assertThat(trainRows).hasSize(train);
        assertThat(validationRows).hasSize(validation).doesNotContainAnyElementsOf(trainRows);
        assertThat(testRows).hasSize(test).doesNotContainAnyElementsOf(trainRows).doesNotContainAnyElementsOf(validationRows);
    }

    /** Every example's first input as text, so that equal examples give equal strings. */
    private static Set<String> rows(MultiDataSetIterator split) {
        Set<String> rows = new HashSet<>();
        split.reset();
        while (split.hasNext()) {
            INDArray features = split.next().getFeatures(0).castTo(DataType.FLOAT);
            for (int i = 0; i < features.size(0); i++) {
                rows.add(Arrays.toString(features.slice(i).dup('c').data().asFloat()));
            }
        }
        return rows;
    }
}
