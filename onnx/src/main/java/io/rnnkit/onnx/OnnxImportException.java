package io.rnnkit.onnx;

import io.rnnkit.core.UserInputException;

/** An ONNX file rnnkit cannot import; the message is one line naming the file and, where there is one, the node. */
public final class OnnxImportException extends UserInputException {

    /** @param message one line naming the file and node, and what is wrong */
    public OnnxImportException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and node, and what is wrong
     * @param cause the failure behind it
     */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
