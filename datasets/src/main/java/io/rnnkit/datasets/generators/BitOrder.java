package io.rnnkit.datasets.generators;

/** The order in which the addition task presents bits over time. */
public enum BitOrder {
    /** Least-significant bit first: the carry flows forward in time (learnable to 100%). */
    LSB_FIRST,
    /** Most-significant bit first: a unidirectional RNN cannot see the carry in time. */
    MSB_FIRST;

    /** The bit index (0 = least significant) shown at time step {@code t} of {@code bits}. */
    public int bitAt(int t, int bits) {
        return this == LSB_FIRST ? t : bits - 1 - t;
    }
}
