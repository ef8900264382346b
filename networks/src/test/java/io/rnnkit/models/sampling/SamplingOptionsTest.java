package io.rnnkit.models.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import org.junit.jupiter.api.Test;

class SamplingOptionsTest {

    @Test
    void factoriesFillTheRest() {
        assertThat(SamplingOptions.greedy(5)).isEqualTo(new SamplingOptions(5, true, 1.0, 0, 0));
        assertThat(SamplingOptions.sampled(7, 0.8, 3, 42)).isEqualTo(new SamplingOptions(7, false, 0.8, 3, 42));
    }

    @Test
    void lengthMustBePositive() {
        assertThatThrownBy(() -> SamplingOptions.greedy(0))
                .isInstanceOf(UserInputException.class).hasMessage("--length: must be at least 1, got 0");
    }

    @Test
    void temperatureMustBeAboveZeroAndFinite() {
        assertThatThrownBy(() -> SamplingOptions.sampled(3, 0, 0, 1))
                .isInstanceOf(UserInputException.class).hasMessage("--temperature: must be a number above 0, got 0.0");
        assertThatThrownBy(() -> SamplingOptions.sampled(3, Double.NaN, 0, 1))
                .hasMessage("--temperature: must be a number above 0, got NaN");
        assertThatThrownBy(() -> SamplingOptions.sampled(3, Double.POSITIVE_INFINITY, 0, 1))
                .hasMessage("--temperature: must be a number above 0, got Infinity");
    }

    @Test
    void topKMustNotBeNegative() {
        assertThatThrownBy(() -> SamplingOptions.sampled(3, 1, -1, 1))
                .isInstanceOf(UserInputException.class)
                .hasMessage("--top-k: must be at least 1 (or 0 for no cut), got -1");
    }
}
