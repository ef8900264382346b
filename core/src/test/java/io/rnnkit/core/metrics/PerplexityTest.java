package io.rnnkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PerplexityTest {

    /** One example, vocab 2, two steps: targets 0 then 1, predicted with p=0.5 and p=0.25. */
    private static final INDArray LABELS = Nd4j.create(new double[] {1, 0, 0, 1}, new long[] {1, 2, 2}, 'c');
    private static final INDArray PROBABILITIES = Nd4j.create(new double[] {0.5, 0.75, 0.5, 0.25}, new long[] {1, 2, 2}, 'c');

    @Test
    void sumsTheNegativeLogLikelihoodOfTheTargets() {
        Perplexity.Totals totals = Perplexity.negativeLogLikelihood(LABELS, PROBABILITIES, null);

        assertThat(totals.tokens()).isEqualTo(2);
        assertThat(totals.negativeLogLikelihood()).isCloseTo(Math.log(2) + Math.log(4), within(1e-9));
        assertThat(totals.perplexity()).isCloseTo(Math.sqrt(8), within(1e-9));
    }

    @Test
    void indexLabelsGiveTheSameTotalsAsOneHot() {
        INDArray indices = Nd4j.create(new double[] {0, 1}, new long[] {1, 1, 2}, 'c');

        Perplexity.Totals totals = Perplexity.negativeLogLikelihood(indices, PROBABILITIES, null);

        assertThat(totals.tokens()).isEqualTo(2);
        assertThat(totals.negativeLogLikelihood()).isCloseTo(Math.log(2) + Math.log(4), within(1e-9));
    }

    @Test
    void maskedStepsDoNotCount() {
        INDArray mask = Nd4j.create(new double[] {1, 0}, new long[] {1, 2}).castTo(DataType.FLOAT);

        Perplexity.Totals totals = Perplexity.negativeLogLikelihood(LABELS, PROBABILITIES, mask);

        assertThat(totals.tokens()).isEqualTo(1);
        assertThat(totals.perplexity()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void unigramPerplexityOfAUniformStreamIsTheVocabularySize() {
        assertThat(Perplexity.unigram(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, 4)).isCloseTo(4.0, within(1e-9));
        assertThat(Perplexity.unigram(new int[] {2, 2, 2}, 4)).isCloseTo(1.0, within(1e-9));
    }
}
