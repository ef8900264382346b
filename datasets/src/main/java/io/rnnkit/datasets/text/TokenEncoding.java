package io.rnnkit.datasets.text;

/** How token ids are written into a batch. */
public enum TokenEncoding {
    /** A one-hot vector per step: shape [B, V, T]. */
    ONE_HOT,
    /** The id itself as a float: shape [B, 1, T], for an embedding layer or a sparse softmax loss. */
    INDEX
}
