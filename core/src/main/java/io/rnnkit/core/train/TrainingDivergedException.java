package io.rnnkit.core.train;

/** Thrown when the training loss becomes NaN or infinite; the last good checkpoint is kept. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
