package io.rnnkit.datasets.text;

import io.rnnkit.core.UserInputException;
import java.util.Random;

/**
 * AWD-LSTM's randomised BPTT length: each batch's window length is drawn around {@code base} with
 * probability 0.95, else around half of it, from a normal distribution of standard deviation 5, truncated
 * towards zero and never below 5 steps. Every token is still trained on once per epoch; only the cuts move.
 *
 * <p>AWD-LSTM also scales the learning rate by length / base, because PyTorch's loss is a mean over tokens.
 * DL4J's sequence losses sum over time steps, so a longer window already gives a proportionally larger
 * gradient; no rescaling is needed here.
 *
 * @param base the usual window length, at least 10 (so that its half is still at least the minimum)
 */
public record RandomBpttLength(int base) {

    /** The shortest window drawn. */
    public static final int MIN_STEPS = 5;
    /** Standard deviation of the drawn lengths, in steps. */
    public static final double SPREAD = 5;
    /** Probability of drawing around the full base length rather than half of it. */
    public static final double FULL_LENGTH_PROBABILITY = 0.95;

    public RandomBpttLength {
        if (base < 2 * MIN_STEPS) {
            throw new UserInputException("random-bptt: needs --steps of at least " + 2 * MIN_STEPS + ", got " + base);
        }
    }

    /** The next window length. */
    public int draw(Random random) {
        double centre = random.nextDouble() < FULL_LENGTH_PROBABILITY ? base : base / 2.0;
        return Math.max(MIN_STEPS, (int) (centre + SPREAD * random.nextGaussian()));
    }
}
