package io.rnnkit.apps.tasks;

/** The data options the CLI builds a task with when none are given, for tests that prepare a task's data directly. */
public final class CliDefaults {

    /** Seed 42, every task's default batch, steps and corpus, lsb first, all the data. */
    public static final TaskOptions OPTIONS = new TaskOptions(0, 0, "", "lsb", null, null, 42, 1.0);

    private CliDefaults() {
    }
}
