package io.rnnkit.models.spec;

/** Whose layers implement the cell: rnnkit's fused layers, or DL4J's stock ones for comparison. */
public enum Implementation {
    RNNKIT, DL4J
}
