package io.rnnkit.models.kernels;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one thread pool on which rnnkit's layers run their heavy math: large products split into
 * row or column blocks, and gate math split over batch rows.
 *
 * <p>The shared pool's size comes from {@link #setSharedSize}, else the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT_VARIABLE}, else the number
 * of cores; {@code rnnkit --threads N} calls {@link #setSharedSize}. The caller takes part in every
 * split, so a pool of N threads starts N − 1 workers, daemon threads that spin briefly for the next
 * task (the recurrence hands out one every few tens of microseconds) and then park.
 *
 * <p>A split never changes the arithmetic of any one output element, so results are the same for
 * every pool size, and the same bits for the same size.
 */
public final class KernelThreads {

    /** System property naming the pool size: a positive integer or {@code all}. */
    public static final String PROPERTY = "rnnkit.threads";
    /** Environment variable naming the pool size when the property is unset. */
    public static final String ENVIRONMENT_VARIABLE = "RNNKIT_THREADS";

    private static final long SPIN_NANOS = 50_000;

    private final int size;
    private final boolean splitAlways;
    private final Worker[] workers;
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private volatile Task task;
    private volatile boolean closed;
    private long handedOut; // written by the owner of a split only

    private static final Object SHARED_LOCK = new Object();
    private static volatile KernelThreads shared;
    /** Pools of {@link #switchSharedSize}, by size, kept running between switches; guarded by SHARED_LOCK. */
    private static final Map<Integer, KernelThreads> KEPT = new HashMap<>();

    private KernelThreads(int size, boolean splitAlways) {
        this.size = size;
        this.splitAlways = splitAlways;
        this.workers = new Worker[size - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /**
     * The process-wide pool, created on first use with the configured size.
     *
     * @return the pool the layers run on
     */
    public static KernelThreads shared() {
        KernelThreads pool = shared;
        if (pool == null) {
            synchronized (SHARED_LOCK) {
                if (shared == null) {
                    shared = new KernelThreads(configuredSize(), false);
                }
                pool = shared;
            }
        }
        return pool;
    }

    /**
     * Sets the process-wide pool's size, the library-level form of {@code --threads}: layers pick up
     * the new pool at their next pass, and the old pool's workers end.
     *
     * @param size the number of threads, the caller's included; at least 1
     */
    public static void setSharedSize(int size) {
        setShared(ofSize(size));
    }

    /**
     * Makes a pool of the given size the process-wide one, keeping the pool it replaces running when that came
     * from here too, so that switching back starts no threads: for benchmarks whose rows alternate thread counts
     * from step to step. {@link #setShared} ends any pool it replaces, these included.
     *
     * @param size the number of threads, the caller's included; at least 1
     */
    public static void switchSharedSize(int size) {
        KernelThreads previous;
        synchronized (SHARED_LOCK) {
            KernelThreads pool = KEPT.get(size);
            if (pool == null || pool.closed) {
                pool = ofSize(size);
                KEPT.put(size, pool);
            }
            previous = shared == pool || KEPT.containsValue(shared) ? null : shared;
            shared = pool;
        }
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * Makes the given pool the process-wide one (tests use {@link #splittingEverything}); the old pool's workers end.
     *
     * @param replacement the new shared pool, or null to make the next {@link #shared()} one of the configured size
     */
    public static void setShared(KernelThreads replacement) {
        KernelThreads previous;
        synchronized (SHARED_LOCK) {
            previous = shared;
            shared = replacement;
        }
        if (previous != null) {
            previous.close();
        }
    }

    /** Ends the workers once any split in progress is done; later splits run on the caller. */
    private void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    /**
     * A pool of the given size, for tests and benchmarks that compare sizes in one process.
     *
     * @param size the number of threads, the caller's included
     * @return a new pool, which splits only work above each caller's threshold
     * @throws IllegalArgumentException when size is below 1
     */
    public static KernelThreads ofSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread count must be ≥ 1, got " + size);
        }
        return new KernelThreads(size, false);
    }

    /**
     * A pool of the given size that splits all work, however small, so that tests of tiny networks
     * (gradient checks) run every parallel path.
     *
     * @param size the number of threads, the caller's included
     * @return a new pool that ignores the callers' thresholds
     * @throws IllegalArgumentException when size is below 1
     */
    public static KernelThreads splittingEverything(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread count must be ≥ 1, got " + size);
        }
        return new KernelThreads(size, true);
    }

    /**
     * Parses a thread count as the CLI and the environment give it: a positive integer, or
     * {@code all} for every core.
     *
     * @param text the count as given
     * @return the number of threads
     * @throws IllegalArgumentException naming the text, when it is neither
     */
    public static int parseCount(String text) {
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("all")) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int count = Integer.parseInt(trimmed);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("thread count must be a positive integer or 'all', got '" + text + "'");
    }

    /** The configured size: {@value #PROPERTY}, else {@value #ENVIRONMENT_VARIABLE}, else all cores. */
    static int configuredSize() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parseCount(property);
        }
        String variable = System.getenv(ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return parseCount(variable);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * How many {@link #run} calls have handed parts to the workers so far (calls that ran serially do not count):
     * a diagnostic for callers that should leave the workers asleep. Read it on the thread that splits.
     *
     * @return the count since the pool was made
     */
    public long splitsHandedOut() {
        return handedOut;
    }

    /**
     * The number of threads a split may use.
     *
     * @return the pool's size, the caller's thread included
     */
    public int size() {
        return size;
    }

    /**
     * Whether work of the given size should be split: the pool has more than one thread and the
     * work reaches the threshold below which a split costs more than it saves.
     *
     * @param work the size of the work, in the caller's unit (multiply-adds, values)
     * @param threshold the size below which the caller runs serially
     * @return true when the caller should split the work over the pool
     */
    public boolean splits(long work, long threshold) {
        return size > 1 && (splitAlways || work >= threshold);
    }

    /** Work on the index range [from, to). */
    public interface Range {
        /**
         * Does the work for one range.
         *
         * @param from the first index
         * @param to the index after the last
         */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, count) cut into {@code parts} contiguous ranges of near-equal length, as
     * {@link #run} runs parts: part p covers [count·p/parts, count·(p+1)/parts).
     *
     * @param count the length of the whole range
     * @param parts how many ranges to cut it into
     * @param body the work on one range
     */
    public void runRanges(int count, int parts, Range body) {
        run(parts, part -> body.run((int) ((long) count * part / parts), (int) ((long) count * (part + 1) / parts)));
    }

    /**
     * Runs {@code part.accept(i)} for every i in [0, parts), on up to {@link #size()} threads, and
     * returns when all are done. Parts run serially on the caller when the pool has one thread, when
     * there is one part, or when another split is already running (a nested or concurrent call).
     *
     * @param parts how many parts there are
     * @param part the work on part i
     */
    public void run(int parts, IntConsumer part) {
        if (parts <= 1 || size == 1 || closed || !owner.compareAndSet(null, Thread.currentThread())) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
            return;
        }
        try {
            handedOut++;
            Task current = new Task(parts, part);
            task = current;
            for (int i = 0; i < Math.min(workers.length, parts - 1); i++) {
                LockSupport.unpark(workers[i]);
            }
            current.work();
            // Every part is claimed now; wait only for workers still running one.
            while (current.active.get() > 0) {
                Thread.onSpinWait();
            }
            current.rethrow();
        } finally {
            task = null;
            owner.set(null);
        }
    }

    /**
     * One split: parts are claimed from a shared counter, so fast threads take more of them, and a
     * worker that wakes up late finds nothing left rather than holding the caller up.
     */
    private static final class Task {
        final int parts;
        final IntConsumer part;
        final AtomicInteger next = new AtomicInteger();
        /** Workers inside {@link #work}; a worker counts itself in before its first claim. */
        final AtomicInteger active = new AtomicInteger();
        volatile Throwable failure;

        Task(int parts, IntConsumer part) {
            this.parts = parts;
            this.part = part;
        }

        void work() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    part.accept(i);
                } catch (Throwable t) {
                    failure = t;
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof Error error) {
                throw error;
            }
        }
    }

    private final class Worker extends Thread {
        private final int index;
        private Task done;

        Worker(int index) {
            super("rnnkit-kernel-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Task current = awaitTask();
                if (current == null) {
                    return;
                }
                done = current;
                current.active.incrementAndGet();
                current.work();
                current.active.decrementAndGet();
            }
        }

        /** Spins briefly for a task it has not worked on yet, then parks until unparked; null once closed. */
        private Task awaitTask() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!closed) {
                Task current = task;
                if (current != null && current != done && index < current.parts) {
                    return current;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
            }
            return null;
        }
    }
}
