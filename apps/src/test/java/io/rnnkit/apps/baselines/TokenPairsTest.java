package io.rnnkit.apps.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.datasets.text.SequentialTokenIterator;
import io.rnnkit.datasets.text.TokenBatchShape;
import io.rnnkit.datasets.text.TokenEncoding;
import io.rnnkit.datasets.text.TokenSequence;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.factory.Nd4j;

class TokenPairsTest {

    private static final int[] STREAM = {0, 1, 2, 3, 0, 2, 1, 3, 3, 2, 1, 0, 0, 1, 2, 3, 1, 1, 2, 2, 0, 3};

    @Test
    void indexAndOneHotBatchesGiveTheSamePairs() {
        TokenPairs index = read(TokenEncoding.INDEX);
        TokenPairs oneHot = read(TokenEncoding.ONE_HOT);

        // 2 rows of 11 tokens, windows of 3 steps: 3 batches of 2 x 3 pairs, each token followed by the next;
        // the first batch holds tokens 0-3 of row 0 (from 0) and of row 1 (from 11)
        assertThat(index.size()).isEqualTo(18);
        assertThat(index.inputs()).containsExactly(oneHot.inputs());
        assertThat(index.targets()).containsExactly(oneHot.targets());
        assertThat(index.inputs()).startsWith(0, 1, 2, 0, 0, 1);
        assertThat(index.targets()).startsWith(1, 2, 3, 0, 1, 2);
    }

    @Test
    void maskedStepsAreLeftOut() {
        DataSet batch = new DataSet(Nd4j.create(new float[] {4, 5, 6}, new long[] {1, 1, 3}, 'c'),
                Nd4j.create(new float[] {5, 6, 7}, new long[] {1, 1, 3}, 'c'),
                null, Nd4j.create(new float[] {1, 0, 1}, new long[] {1, 3}, 'c'));

        TokenPairs pairs = TokenPairs.of(Batches.of(batch));

        assertThat(pairs.inputs()).containsExactly(4, 6);
        assertThat(pairs.targets()).containsExactly(5, 7);
    }

    private static TokenPairs read(TokenEncoding encoding) {
        TokenBatchShape shape = new TokenBatchShape(2, 3, encoding, encoding);
        return TokenPairs.of(new MultiDataSetIteratorAdapter(new SequentialTokenIterator(TokenSequence.of(STREAM), 4, shape, null)));
    }
}
