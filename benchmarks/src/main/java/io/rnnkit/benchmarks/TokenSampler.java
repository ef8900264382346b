package io.rnnkit.benchmarks;

import java.util.Random;

/** Draws a token index from a probability vector, the same way for every peer's sampling row. */
public final class TokenSampler {

    private final Random random;

    /** A sampler with its own seeded generator. */
    public TokenSampler(long seed) {
        this.random = new Random(seed);
    }

    /** Index i with probability probs[i] / sum(probs). */
    public int sample(float[] probs) {
        double[] widened = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            widened[i] = probs[i];
        }
        return sample(widened);
    }

    /** Index i with probability probs[i] / sum(probs). */
    public int sample(double[] probs) {
        double total = 0;
        for (double p : probs) {
            total += p;
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < probs.length; i++) {
            cumulative += probs[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probs.length - 1;
    }
}
