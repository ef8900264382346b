package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import io.rnnkit.core.UserInputException;

class SequentialTokenIteratorTest {

    /** Token i has id i % 7, so positions are easy to recover. */
    private static int[] stream(int length) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = i % 7;
        }
        return tokens;
    }

    @Test
    void batchifiesLikePtbIteratorWithContinuousRows() {
        int[] tokens = stream(103);
        SequentialTokenIterator iterator = new SequentialTokenIterator(TokenSequence.of(tokens), 7,
                new TokenBatchShape(4, 5, TokenEncoding.INDEX, TokenEncoding.INDEX), null);
        // rows of 103/4 = 25 tokens, (25-1)/5 = 4 batches
        assertThat(iterator.batchesPerEpoch()).isEqualTo(4);
        List<DataSet> batches = drain(iterator);
        assertThat(batches).hasSize(4);
        for (int k = 0; k < 4; k++) {
            INDArray x = batches.get(k).getFeatures();
            INDArray y = batches.get(k).getLabels();
            assertThat(x.shape()).containsExactly(4, 1, 5);
            for (int r = 0; r < 4; r++) {
                for (int t = 0; t < 5; t++) {
                    int position = r * 25 + k * 5 + t;
                    assertThat(x.getInt(r, 0, t)).isEqualTo(tokens[position]);
                    assertThat(y.getInt(r, 0, t)).isEqualTo(tokens[position + 1]);
                }
                if (k > 0) {
                    // row r of batch k continues row r of batch k-1: first input follows the last label's input
                    INDArray previous = batches.get(k - 1).getLabels();
                    assertThat(x.getInt(r, 0, 0)).isEqualTo(previous.getInt(r, 0, 4));
                    assertThat(iterator.startOf(r, k)).isEqualTo(iterator.startOf(r, k - 1) + 5);
                }
            }
        }
    }

    @Test
    void randomLengthsTileEveryRowOncePerEpochAndChangeFromEpochToEpoch() {
        int[] tokens = stream(4_003);
        TokenBatchShape shape = new TokenBatchShape(4, 35, TokenEncoding.INDEX, TokenEncoding.INDEX);
        SequentialTokenIterator iterator = new SequentialTokenIterator(TokenSequence.of(tokens), 7, shape, null,
                new RandomBpttLength(35), 11);
        SequentialTokenIterator same = new SequentialTokenIterator(TokenSequence.of(tokens), 7, shape, null,
                new RandomBpttLength(35), 11);
        List<Integer> firstEpoch = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            List<DataSet> batches = drain(iterator);
            drain(same);
            int covered = 0;
            List<Integer> steps = new ArrayList<>();
            for (int k = 0; k < batches.size(); k++) {
                INDArray x = batches.get(k).getFeatures();
                int length = (int) x.size(2);
                steps.add(length);
                assertThat(iterator.stepsOf(k)).isEqualTo(length).isEqualTo(same.stepsOf(k));
                for (int r = 0; r < 4; r++) {
                    // rows of 4003/4 = 1000 tokens; window k starts where window k-1 ended
                    assertThat(iterator.startOf(r, k)).isEqualTo(r * 1000 + covered);
                    assertThat(x.getInt(r, 0, 0)).isEqualTo(tokens[r * 1000 + covered]);
                    assertThat(batches.get(k).getLabels().getInt(r, 0, length - 1))
                            .isEqualTo(tokens[r * 1000 + covered + length]);
                }
                covered += length;
            }
            assertThat(covered).as("every input of a row but its last token, once").isEqualTo(999);
            assertThat(steps.subList(0, steps.size() - 1)).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(5));
            assertThat(steps.stream().distinct().count()).as("lengths vary").isGreaterThan(5);
            if (epoch == 0) {
                firstEpoch.addAll(steps);
            } else {
                assertThat(steps).isNotEqualTo(firstEpoch);
            }
            iterator.reset();
            same.reset();
        }
    }

    @Test
    void oneHotFeaturesAndLabelsMarkTheRightSymbol() {
        int[] tokens = stream(200);
        SequentialTokenIterator iterator = new SequentialTokenIterator(TokenSequence.of(tokens), 7,
                new TokenBatchShape(3, 4, TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT), null);
        DataSet batch = iterator.next();
        assertThat(batch.getFeatures().shape()).containsExactly(3, 7, 4);
        assertThat(batch.getLabels().shape()).containsExactly(3, 7, 4);
        assertThat(batch.getFeatures().sumNumber().intValue()).isEqualTo(12);
        int rowLength = 200 / 3;
        for (int r = 0; r < 3; r++) {
            for (int t = 0; t < 4; t++) {
                assertThat(batch.getFeatures().getDouble(r, tokens[r * rowLength + t], t)).isEqualTo(1.0);
                assertThat(batch.getLabels().getDouble(r, tokens[r * rowLength + t + 1], t)).isEqualTo(1.0);
            }
        }
        assertThat(iterator.inputColumns()).isEqualTo(7);
        assertThat(iterator.totalOutcomes()).isEqualTo(7);
    }

    @Test
    void seededOffsetsAreDeterministicAndResetStartsANewEpoch() {
        int[] tokens = stream(500);
        TokenBatchShape shape = new TokenBatchShape(2, 10, TokenEncoding.INDEX, TokenEncoding.INDEX);
        SequentialTokenIterator a = new SequentialTokenIterator(TokenSequence.of(tokens), 7, shape, 42L);
        SequentialTokenIterator b = new SequentialTokenIterator(TokenSequence.of(tokens), 7, shape, 42L);
        List<Integer> offsetsA = new ArrayList<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            offsetsA.add(a.startOf(0, 0));
            assertThat(a.startOf(0, 0)).isEqualTo(b.startOf(0, 0)).isBetween(0, 9);
            assertThat(drain(a)).hasSize(a.batchesPerEpoch());
            drain(b);
            a.reset();
            b.reset();
        }
        assertThat(new java.util.HashSet<>(offsetsA)).as("offsets vary from epoch to epoch").hasSizeGreaterThan(1);
    }

    @Test
    void worksUnderAsyncDataSetIterator() {
        int[] tokens = stream(1000);
        TokenBatchShape shape = new TokenBatchShape(4, 8, TokenEncoding.ONE_HOT, TokenEncoding.INDEX);
        List<DataSet> direct = drain(new SequentialTokenIterator(TokenSequence.of(tokens), 7, shape, null));
        AsyncDataSetIterator async = new AsyncDataSetIterator(new SequentialTokenIterator(TokenSequence.of(tokens), 7, shape, null), 3);
        for (int epoch = 0; epoch < 2; epoch++) {
            List<DataSet> viaAsync = new ArrayList<>();
            while (async.hasNext()) {
                viaAsync.add(async.next().copy());
            }
            assertThat(viaAsync).hasSameSizeAs(direct);
            for (int i = 0; i < direct.size(); i++) {
                assertThat(viaAsync.get(i).getFeatures()).isEqualTo(direct.get(i).getFeatures());
                assertThat(viaAsync.get(i).getLabels()).isEqualTo(direct.get(i).getLabels());
            }
            async.reset();
        }
        async.shutdown();
    }

    @Test
    void tooShortCorpusIsAUserError() {
        assertThatThrownBy(() -> new SequentialTokenIterator(TokenSequence.of(stream(50)), 7,
                new TokenBatchShape(20, 35, TokenEncoding.INDEX, TokenEncoding.INDEX), null))
                .isInstanceOf(UserInputException.class)
                .hasMessage("corpus: 50 tokens are too few for batches of 20 rows x 35 steps, which need 755; use a smaller --batch or --steps");
        assertThatThrownBy(() -> new TokenBatchShape(0, 35, TokenEncoding.INDEX, TokenEncoding.INDEX))
                .isInstanceOf(UserInputException.class).hasMessage("batch-size: must be at least 1, got 0");
    }

    static List<DataSet> drain(org.nd4j.linalg.dataset.api.iterator.DataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        return batches;
    }
}
