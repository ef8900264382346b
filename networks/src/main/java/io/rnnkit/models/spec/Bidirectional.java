package io.rnnkit.models.spec;

/** Whether each recurrent layer also reads the sequence backwards, and how the two directions combine. */
public enum Bidirectional {
    NONE, CONCAT, ADD, AVERAGE
}
