package io.rnnkit.datasets.uci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.SharedData;
import io.rnnkit.datasets.VerificationCache;

class UciSyntheticControlTest {

    @TempDir
    Path temp;

    @Test
    void realDataSplitsIntoBalanced390_60_150WithTrainOnlyStandardization() {
        CorpusStore store = new CorpusStore(DataDirectory.of(SharedData.requireDataDirectory()),
                new VerificationCache(temp.resolve("cache")));
        UciSyntheticControl uci = UciSyntheticControl.load(store, temp.resolve("work"), 12345);

        DataSet train = all(uci.trainIterator(390));
        DataSet validation = all(uci.validationIterator(60));
        DataSet test = all(uci.testIterator(50));
        assertThat(train.getFeatures().shape()).containsExactly(390, 1, 60);
        assertThat(train.getLabels().shape()).containsExactly(390, 6, 60);
        assertThat(validation.getFeatures().shape()).containsExactly(60, 1, 60);
        assertThat(test.getFeatures().shape()).containsExactly(150, 1, 60);
        // labels sit on the last step only, and the label mask says so
        assertThat(train.getLabelsMaskArray().sumNumber().intValue()).isEqualTo(390);
        assertThat(train.getLabelsMaskArray().getDouble(0, 59)).isEqualTo(1.0);
        // stratified: every class in every split in the same share
        assertThat(train.getLabels().sum(0, 2).toDoubleVector()).containsOnly(65.0);
        assertThat(validation.getLabels().sum(0, 2).toDoubleVector()).containsOnly(10.0);
        assertThat(test.getLabels().sum(0, 2).toDoubleVector()).containsOnly(25.0);

        assertThat(train.getFeatures().meanNumber().doubleValue()).isCloseTo(0.0, within(1e-3));
        assertThat(train.getFeatures().stdNumber().doubleValue()).isCloseTo(1.0, within(1e-2));
        assertThat(uci.normalizer().getMean().getDouble(0)).isCloseTo(30.0, within(3.0));
    }

    @Test
    void everySeriesFallsInExactlyOneSplitWhateverTheSeed() {
        // row r of the file starts at r, so a series' first raw value names its row
        Path file = writeSynthetic(temp.resolve("rows.data"));
        for (long seed : new long[] {1, 2, 3}) {
            UciSyntheticControl uci = UciSyntheticControl.load(file, temp.resolve("rows" + seed), seed);
            Set<Integer> rows = new HashSet<>();
            int seen = 0;
            for (DataSetIterator split : List.of(uci.trainIterator(100), uci.validationIterator(100), uci.testIterator(100))) {
                DataSet raw = all(split);
                uci.normalizer().revert(raw);
                for (int i = 0; i < raw.numExamples(); i++) {
                    rows.add((int) Math.round(raw.getFeatures().getDouble(i, 0, 0)));
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(600);
            assertThat(rows).hasSize(600);
        }
    }

    @Test
    void sameSeedSameSplitAndResetReplays() {
        Path file = writeSynthetic(temp.resolve("mine.data"));
        UciSyntheticControl a = UciSyntheticControl.load(file, temp.resolve("a"), 7);
        UciSyntheticControl b = UciSyntheticControl.load(file, temp.resolve("b"), 7);
        DataSetIterator iterator = a.trainIterator(32);
        DataSet first = iterator.next();
        assertThat(first.getFeatures()).isEqualTo(b.trainIterator(32).next().getFeatures());
        iterator.reset();
        assertThat(iterator.next().getFeatures()).isEqualTo(first.getFeatures());
        // row r of the file has values r + t/100: the label is the row's block of 100
        UciSyntheticControl c = UciSyntheticControl.load(file, temp.resolve("c"), 7);
        DataSet raw = all(c.trainIterator(390));
        c.normalizer().revert(raw);
        for (int i = 0; i < 390; i += 37) {
            int row = (int) Math.round(raw.getFeatures().getDouble(i, 0, 0));
            assertThat(raw.getLabels().getDouble(i, row / 100, 59)).isEqualTo(1.0);
        }
    }

    @Test
    void malformedUserFilesAreNamed() throws Exception {
        Path short_ = Files.writeString(temp.resolve("short.data"), "1 2 3\n4 5 6\n");
        assertThatThrownBy(() -> UciSyntheticControl.load(short_, temp.resolve("w"), 1))
                .isInstanceOf(UserInputException.class)
                .hasMessage(short_ + ": expected 600 lines of 60 numbers (UCI synthetic control), found 2 lines");
        Path file = writeSynthetic(temp.resolve("bad.data"));
        String text = Files.readString(file).replaceFirst("1\\.01", "x");
        Files.writeString(file, text);
        assertThatThrownBy(() -> UciSyntheticControl.load(file, temp.resolve("w"), 1))
                .isInstanceOf(UserInputException.class)
                .hasMessage(file + ": line 2 value 2 is not a number: 'x'");
    }

    private static Path writeSynthetic(Path file) {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 600; row++) {
            for (int t = 0; t < 60; t++) {
                text.append(t == 0 ? "" : "  ").append(String.format(java.util.Locale.ROOT, "%.2f", row + t / 100.0));
            }
            text.append('\n');
        }
        try {
            return Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DataSet all(DataSetIterator iterator) {
        java.util.List<DataSet> batches = new java.util.ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        return DataSet.merge(batches);
    }
}
