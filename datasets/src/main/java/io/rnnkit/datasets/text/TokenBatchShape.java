package io.rnnkit.datasets.text;

import java.io.Serializable;

import io.rnnkit.core.UserInputException;

/**
 * The shape of language-model batches.
 *
 * @param batchSize rows per batch (B)
 * @param steps time steps per row (T)
 * @param features how inputs are encoded
 * @param labels how next-token labels are encoded
 */
public record TokenBatchShape(int batchSize, int steps, TokenEncoding features, TokenEncoding labels)
        implements Serializable {

    /** Validates the sizes. */
    public TokenBatchShape {
        if (batchSize < 1) {
            throw new UserInputException("batch-size: must be at least 1, got " + batchSize);
        }
        if (steps < 1) {
            throw new UserInputException("steps: must be at least 1, got " + steps);
        }
        if (features == null || labels == null) {
            throw new IllegalArgumentException("features and labels encodings are required");
        }
    }
}
