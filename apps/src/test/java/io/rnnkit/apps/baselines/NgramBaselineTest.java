package io.rnnkit.apps.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NgramBaselineTest {

    /** Training pairs 0→1, 0→1, 1→0 over the vocabulary {0, 1}. */
    private static final NgramBaseline COUNTS = new NgramBaseline(new TokenPairs(new int[] {0, 0, 1}, new int[] {1, 1, 0}), 2);

    @Test
    void unigramIsAddOneSmoothed() {
        // (1 + 1) / (3 + 2) and (2 + 1) / (3 + 2)
        assertThat(COUNTS.unigram(0)).isCloseTo(0.4, within(1e-12));
        assertThat(COUNTS.unigram(1)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void bigramIsWittenBellInterpolatedWithTheUnigram() {
        // after 0: c = 2, one type seen; after 1: c = 1, one type seen
        assertThat(COUNTS.bigram(0, 1)).isCloseTo((2 + 0.6) / 3, within(1e-12));
        assertThat(COUNTS.bigram(0, 0)).isCloseTo(0.4 / 3, within(1e-12));
        assertThat(COUNTS.bigram(1, 1)).isCloseTo(0.6 / 2, within(1e-12));
        assertThat(COUNTS.bigram(1, 0)).isCloseTo((1 + 0.4) / 2, within(1e-12));
    }

    @Test
    void anUnseenContextFallsBackToTheUnigram() {
        NgramBaseline three = new NgramBaseline(new TokenPairs(new int[] {0, 0, 1}, new int[] {1, 1, 0}), 3);
        assertThat(three.bigram(2, 1)).isCloseTo(three.unigram(1), within(1e-12));
        assertThat(three.unigram(2)).isCloseTo(1.0 / 6, within(1e-12));
    }

    @Test
    void perplexitiesOfHeldOutPairs() {
        TokenPairs heldOut = new TokenPairs(new int[] {0, 1}, new int[] {1, 1});

        assertThat(COUNTS.unigramPerplexity(heldOut)).isCloseTo(1 / 0.6, within(1e-12));
        assertThat(COUNTS.bigramPerplexity(heldOut)).isCloseTo(1 / Math.sqrt(2.6 / 3 * 0.3), within(1e-12));
    }

    @Test
    void aDeterministicStreamHasBigramPerplexityNearOne() {
        int[] inputs = new int[300];
        int[] targets = new int[300];
        for (int i = 0; i < 300; i++) {
            inputs[i] = i % 3;
            targets[i] = (i + 1) % 3;
        }
        NgramBaseline cycle = new NgramBaseline(new TokenPairs(inputs, targets), 3);
        TokenPairs stream = new TokenPairs(inputs, targets);

        assertThat(cycle.unigramPerplexity(stream)).isCloseTo(3.0, within(1e-9));
        // each context saw one type 100 times: p = (100 + 1/3) / 101
        assertThat(cycle.bigramPerplexity(stream)).isCloseTo(101 / (100 + 1.0 / 3), within(1e-9));
    }

    @Test
    void badInputIsRefusedWithItsValue() {
        assertThatThrownBy(() -> new NgramBaseline(new TokenPairs(new int[] {0}, new int[] {2}), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("token: 2 is outside the vocabulary [0, 2)");
        assertThatThrownBy(() -> new TokenPairs(new int[] {0, 1}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pairs: 2 inputs but 1 targets");
        assertThatThrownBy(() -> COUNTS.bigramPerplexity(new TokenPairs(new int[0], new int[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("held-out: no pairs to score");
    }
}
