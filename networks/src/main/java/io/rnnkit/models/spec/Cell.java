package io.rnnkit.models.spec;

/** The recurrent cell of every layer in a model. */
public enum Cell {
    SIMPLE, LSTM, GRU
}
