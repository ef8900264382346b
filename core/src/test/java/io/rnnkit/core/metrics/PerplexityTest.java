package io.rnnkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.train.ToyNetworks;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
    void floatOneHotLabelsWithAnEmptyMaskedStepCountOnlyTheUnmaskedTargets() {
        // two examples, vocab 3, two steps; example 1's second step is padding: no class, mask 0
        INDArray labels = Nd4j.create(new float[] {0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0}, new long[] {2, 3, 2}, 'c');
        INDArray probabilities = Nd4j.create(new float[] {0.25f, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f,
            0.1f, 0.3f, 0.2f, 0.3f, 0.7f, 0.4f}, new long[] {2, 3, 2}, 'c');
        INDArray mask = Nd4j.create(new float[] {1, 1, 1, 0}, new long[] {2, 2}, 'c');

        Perplexity.Totals totals = Perplexity.negativeLogLikelihood(labels, probabilities, mask);

        // targets: (0,0) class 1 p=0.5, (0,1) class 0 p=0.5, (1,0) class 1 p=0.2
        assertThat(totals.tokens()).isEqualTo(3);
        assertThat(totals.negativeLogLikelihood()).isCloseTo(-Math.log(0.5f) * 2 - Math.log(0.2f), within(1e-6));
        INDArray soft = labels.dup().putScalar(new long[] {0, 1, 0}, 0.5);
        assertThatThrownBy(() -> Perplexity.negativeLogLikelihood(soft, probabilities, mask))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be one-hot");
    }

    @Test
    void evaluatePoolsEveryBatchWithOrWithoutCarriedState() {
        // batch 2: one example, one step, target 1 predicted with p = 0.1
        DataSet second = new DataSet(Nd4j.create(new double[] {0.9, 0.1}, new long[] {1, 2, 1}, 'c'),
                Nd4j.create(new double[] {0, 1}, new long[] {1, 2, 1}, 'c'));
        List<DataSet> batches = List.of(new DataSet(PROBABILITIES, LABELS), second);
        MultiLayerNetwork identity = ToyNetworks.identity(2, true);

        for (boolean carryState : new boolean[] {false, true}) {
            Perplexity.Totals totals = Perplexity.evaluate(identity, ToyNetworks.iterator(batches), carryState);

            assertThat(totals.tokens()).isEqualTo(3);
            assertThat(totals.meanNll()).isCloseTo(Math.log(80) / 3, within(1e-9));
            assertThat(totals.perplexity()).isCloseTo(Math.cbrt(80), within(1e-9));
        }
    }

    @Test
    void aZeroProbabilityCountsAsFiniteButHuge() {
        INDArray certainWrong = Nd4j.create(new double[] {1, 0}, new long[] {1, 2, 1}, 'c');
        INDArray targetOne = Nd4j.create(new double[] {0, 1}, new long[] {1, 2, 1}, 'c');

        assertThat(Perplexity.negativeLogLikelihood(targetOne, certainWrong, null).negativeLogLikelihood())
                .isCloseTo(-Math.log(1e-30), within(1e-6));
    }

    @Test
    void badInputIsRefusedWithItsShape() {
        INDArray threeClasses = Nd4j.create(new double[] {0.2, 0.3, 0.5, 0.2, 0.3, 0.5}, new long[] {1, 3, 2}, 'c');
        assertThatThrownBy(() -> Perplexity.negativeLogLikelihood(LABELS, threeClasses, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels: shape [1, 2, 2] fits neither one-hot nor index labels for probabilities of shape [1, 3, 2]");
        INDArray outOfRange = Nd4j.create(new double[] {0, 2}, new long[] {1, 1, 2}, 'c');
        assertThatThrownBy(() -> Perplexity.negativeLogLikelihood(outOfRange, PROBABILITIES, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels: class index 2 at [0, 1] is outside the 2 predicted classes");
        assertThatThrownBy(() -> Perplexity.evaluate(ToyNetworks.identity(2, true), ToyNetworks.iterator(List.of()), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no evaluation tokens: the iterator produced no unmasked steps");
    }
}
