package io.rnnkit.models.sampling;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/** Picks one symbol id from a probability vector as {@link SamplingOptions} say, with its own seeded random source. */
final class SymbolPicker {

    private final SamplingOptions options;
    private final Random random;

    SymbolPicker(SamplingOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    int pick(double[] probabilities) {
        if (options.greedy()) {
            return argmax(probabilities);
        }
        double[] weights = tempered(probabilities, options.temperature());
        if (options.topK() > 0 && options.topK() < weights.length) {
            keepTop(weights, options.topK());
        }
        return draw(weights);
    }

    /** The first index of the largest value, so ties go to the lower id. */
    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** p^(1/T), scaled so the largest weight is 1; computed in log space so small T does not underflow to all zeros. */
    private static double[] tempered(double[] probabilities, double temperature) {
        double[] logs = Arrays.stream(probabilities).map(p -> Math.log(p) / temperature).toArray();
        double max = Arrays.stream(logs).max().orElseThrow();
        return Arrays.stream(logs).map(log -> Math.exp(log - max)).toArray();
    }

    /** Zeroes all but the k largest weights (ties to the lower id, as in {@link #argmax}). */
    private static void keepTop(double[] weights, int k) {
        int[] order = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -weights[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int rank = k; rank < order.length; rank++) {
            weights[order[rank]] = 0;
        }
    }

    private int draw(double[] weights) {
        double target = random.nextDouble() * Arrays.stream(weights).sum();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                last = i;
                if (target < cumulative) {
                    return i;
                }
            }
        }
        return last; // rounding left target at the very top of the range
    }
}
