package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomBpttLengthTest {

    @Test
    void drawsAroundTheBaseMostlyAndAroundHalfOfItSometimesNeverBelowFive() {
        RandomBpttLength length = new RandomBpttLength(70);
        Random random = new Random(42);
        int draws = 20_000;
        int nearHalf = 0;
        double sum = 0;
        double squares = 0;
        int fullCount = 0;
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < draws; i++) {
            int steps = length.draw(random);
            min = Math.min(min, steps);
            if (steps < 52) {
                nearHalf++;
            } else {
                fullCount++;
                sum += steps;
                squares += (double) steps * steps;
            }
        }
        double mean = sum / fullCount;
        double sd = Math.sqrt(squares / fullCount - mean * mean);
        assertThat(min).isGreaterThanOrEqualTo(RandomBpttLength.MIN_STEPS);
        // 5% of 20,000 around 35 (sd 5), apart from the full-length draws around 70 (more than 3.5 sd between)
        assertThat(nearHalf).isBetween(900, 1100);
        // int() truncation lowers the mean by about 0.5 step
        assertThat(mean).isBetween(69.3, 69.7);
        assertThat(sd).isBetween(4.8, 5.2);
    }

    @Test
    void theMinimumHoldsWhereTheNormalReachesBelowIt() {
        RandomBpttLength length = new RandomBpttLength(10);
        Random random = new Random(7);
        int atMinimum = 0;
        for (int i = 0; i < 10_000; i++) {
            int steps = length.draw(random);
            assertThat(steps).isGreaterThanOrEqualTo(5).isLessThan(40);
            atMinimum += steps == 5 ? 1 : 0;
        }
        // P(N(10, 5) < 6) is about 21% of the full-length draws, all of them clamped to 5
        assertThat(atMinimum).isBetween(1800, 2600);
    }

    @Test
    void refusesABaseWhoseHalfIsBelowTheMinimum() {
        assertThatThrownBy(() -> new RandomBpttLength(9)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("at least 10");
    }
}
