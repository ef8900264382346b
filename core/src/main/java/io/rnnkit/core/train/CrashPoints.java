package io.rnnkit.core.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only hook for crash-injection tests: when the system property {@value #PROPERTY} names a write point,
 * the JVM halts there at once, as {@code kill -9} would (no shutdown hooks, no cleanup).
 *
 * <p>A point is a file name and a phase, {@code FILE:written} (temporary file complete and forced to disk, not yet
 * renamed) or {@code FILE:renamed} (in place); {@code #N} picks its N-th occurrence, for example
 * {@code checkpoint.zip:renamed#2} halts right after epoch 2's checkpoint lands. Without the property this does
 * nothing.
 */
public final class CrashPoints {

    /** The system property naming the point to halt at. */
    public static final String PROPERTY = "rnnkit.test.halt-at";
    /** The exit status of a halted JVM: that of a process killed by SIGKILL. */
    public static final int HALT_STATUS = 137;

    // Occurrences seen so far per point; only ever read when the test property is set.
    private static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    private CrashPoints() {
    }

    /** Marks that a write has reached {@code point}; halts the JVM if the test property names it. */
    public static void reached(String point) {
        String target = System.getProperty(PROPERTY);
        if (target == null) {
            return;
        }
        int hash = target.lastIndexOf('#');
        String name = hash < 0 ? target : target.substring(0, hash);
        int occurrence = hash < 0 ? 1 : Integer.parseInt(target.substring(hash + 1));
        if (name.equals(point) && SEEN.computeIfAbsent(point, key -> new AtomicInteger()).incrementAndGet() == occurrence) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
