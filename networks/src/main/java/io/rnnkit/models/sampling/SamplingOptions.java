package io.rnnkit.models.sampling;

import io.rnnkit.core.UserInputException;

/**
 * How to pick each generated symbol. Greedy takes the most probable symbol and ignores the rest;
 * otherwise the softmax is sharpened or flattened by the temperature, cut to the {@code topK} most
 * probable symbols (0 = no cut), and sampled with a {@link java.util.Random} seeded by {@code seed}.
 *
 * @param length how many symbols (characters or words) to generate
 */
public record SamplingOptions(int length, boolean greedy, double temperature, int topK, long seed) {

    public SamplingOptions {
        if (length < 1) {
            throw new UserInputException("--length: must be at least 1, got " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new UserInputException("--temperature: must be a number above 0, got " + temperature);
        }
        if (topK < 0) {
            throw new UserInputException("--top-k: must be at least 1 (or 0 for no cut), got " + topK);
        }
    }

    /** Always the most probable symbol. */
    public static SamplingOptions greedy(int length) {
        return new SamplingOptions(length, true, 1.0, 0, 0);
    }

    /** Random sampling at a temperature, optionally cut to the {@code topK} most probable symbols. */
    public static SamplingOptions sampled(int length, double temperature, int topK, long seed) {
        return new SamplingOptions(length, false, temperature, topK, seed);
    }
}
