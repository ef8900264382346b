package io.rnnkit.models.spec;

/** What the features of one time step are: real values, a one-hot symbol, or a symbol index for an embedding. */
public enum InputEncoding {
    DENSE, ONE_HOT, INDEX
}
