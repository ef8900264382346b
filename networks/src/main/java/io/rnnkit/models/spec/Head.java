package io.rnnkit.models.spec;

/** What the network predicts from the recurrent layers' output. */
public enum Head {
    /** One class per sequence, from the last (unmasked) step. */
    SEQUENCE_CLASSIFICATION,
    /** One class per time step (language models, bitwise addition). */
    STEP_CLASSIFICATION,
    /** Real values at every time step. */
    STEP_REGRESSION,
    /** Real values from the last time step. */
    LAST_STEP_REGRESSION,
    /** An encoder reads the input sequence, a decoder writes an output sequence of another length. */
    SEQ2SEQ
}
