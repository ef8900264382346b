package io.rnnkit.core;

/**
 * A mistake in what the user asked for (a bad option, a missing file, an invalid config).
 *
 * <p>The CLI prints its message as one line and exits with status 2, never a stack trace, so the
 * message must name the field or file, what is wrong with it, and how to fix it where that helps.
 */
public class UserInputException extends IllegalArgumentException {

    /** @param message one line naming the field or file, what is wrong, and how to fix it */
    public UserInputException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the field or file, what is wrong, and how to fix it
     * @param cause the failure behind it
     */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
