package io.rnnkit.models.spec;

/** Whether each recurrent layer also reads the sequence backwards, and how the two directions combine. */
public enum BidirectionalMode {
    NONE, CONCAT, ADD, AVERAGE
}
