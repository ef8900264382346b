package io.rnnkit.models.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SymbolPickerTest {

    private static final double[] PROBABILITIES = {0.2, 0.3, 0.5};
    private static final int DRAWS = 20_000;

    @Test
    void greedyTakesTheFirstLargest() {
        SymbolPicker picker = new SymbolPicker(SamplingOptions.greedy(1));

        assertThat(picker.pick(PROBABILITIES)).isEqualTo(2);
        assertThat(picker.pick(new double[] {0.4, 0.1, 0.4, 0.1})).isEqualTo(0);
    }

    @Test
    void temperatureOneSamplesTheSoftmax() {
        assertThat(frequencies(SamplingOptions.sampled(1, 1.0, 0, 1)))
                .containsExactly(new double[] {0.2, 0.3, 0.5}, within(0.015));
    }

    @Test
    void temperatureHalfSquaresTheProbabilities() {
        // p^2 / sum p^2 = {0.04, 0.09, 0.25} / 0.38
        assertThat(frequencies(SamplingOptions.sampled(1, 0.5, 0, 2)))
                .containsExactly(new double[] {0.105, 0.237, 0.658}, within(0.015));
    }

    @Test
    void topKRenormalizesTheKLargest() {
        assertThat(frequencies(SamplingOptions.sampled(1, 1.0, 2, 3)))
                .containsExactly(new double[] {0.0, 0.375, 0.625}, within(0.015));
    }

    @Test
    void topKOneIsGreedyAndZeroProbabilitiesAreNeverDrawn() {
        assertThat(frequencies(SamplingOptions.sampled(1, 5.0, 1, 4))).containsExactly(0.0, 0.0, 1.0);
        SymbolPicker picker = new SymbolPicker(SamplingOptions.sampled(1, 1.0, 0, 5));
        for (int i = 0; i < 1000; i++) {
            assertThat(picker.pick(new double[] {0.0, 1.0, 0.0})).isEqualTo(1);
        }
    }

    @Test
    void verySmallTemperatureDoesNotUnderflow() {
        SymbolPicker picker = new SymbolPicker(SamplingOptions.sampled(1, 1e-6, 0, 6));

        assertThat(picker.pick(PROBABILITIES)).isEqualTo(2);
    }

    @Test
    void sameSeedGivesTheSameDraws() {
        SymbolPicker first = new SymbolPicker(SamplingOptions.sampled(1, 1.0, 0, 9));
        SymbolPicker second = new SymbolPicker(SamplingOptions.sampled(1, 1.0, 0, 9));
        for (int i = 0; i < 200; i++) {
            assertThat(second.pick(PROBABILITIES)).isEqualTo(first.pick(PROBABILITIES));
        }
    }

    private static double[] frequencies(SamplingOptions options) {
        SymbolPicker picker = new SymbolPicker(options);
        double[] counts = new double[PROBABILITIES.length];
        for (int i = 0; i < DRAWS; i++) {
            counts[picker.pick(PROBABILITIES)]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= DRAWS;
        }
        return counts;
    }
}
