package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class RandomWindowIteratorTest {

    private static int[] positions(int length) {
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = i;
        }
        return tokens;
    }

    @Test
    void windowsAreDisjointAlignedAndShifted() {
        int[] tokens = positions(100);
        RandomWindowIterator iterator = new RandomWindowIterator(TokenSequence.of(tokens), 100,
                new TokenBatchShape(3, 5, TokenEncoding.INDEX, TokenEncoding.INDEX), 7);
        List<DataSet> batches = SequentialTokenIteratorTest.drain(iterator);
        assertThat(batches).hasSize(iterator.batchesPerEpoch()).hasSizeBetween(6, 6);
        Set<Integer> starts = new HashSet<>();
        int offset = -1;
        for (DataSet batch : batches) {
            for (int r = 0; r < 3; r++) {
                int start = batch.getFeatures().getInt(r, 0, 0);
                offset = offset < 0 ? start % 5 : offset;
                assertThat(start % 5).isEqualTo(offset);
                assertThat(starts.add(start)).isTrue();
                for (int t = 0; t < 5; t++) {
                    assertThat(batch.getFeatures().getInt(r, 0, t)).isEqualTo(start + t);
                    assertThat(batch.getLabels().getInt(r, 0, t)).isEqualTo(start + t + 1);
                }
            }
        }
    }

    @Test
    void sameSeedSameEpochsDifferentSeedDifferentOrder() {
        int[] tokens = positions(1000);
        TokenBatchShape shape = new TokenBatchShape(4, 10, TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        RandomWindowIterator a = new RandomWindowIterator(TokenSequence.of(tokens), 1000, shape, 1);
        RandomWindowIterator b = new RandomWindowIterator(TokenSequence.of(tokens), 1000, shape, 1);
        RandomWindowIterator c = new RandomWindowIterator(TokenSequence.of(tokens), 1000, shape, 2);
        DataSet firstA = a.next();
        assertThat(firstA.getFeatures()).isEqualTo(b.next().getFeatures());
        assertThat(firstA.getFeatures()).isNotEqualTo(c.next().getFeatures());
        a.reset();
        b.reset();
        DataSet secondEpochA = a.next();
        assertThat(secondEpochA.getLabels()).isEqualTo(b.next().getLabels());
        assertThat(secondEpochA.getFeatures()).isNotEqualTo(firstA.getFeatures());
    }
}
