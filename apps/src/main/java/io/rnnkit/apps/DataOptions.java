package io.rnnkit.apps;

import io.rnnkit.apps.tasks.TaskOptions;
import io.rnnkit.core.UserInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Command-line choices about the data: batch, window length, corpus, bit order, data directories. */
final class DataOptions {

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: the task's).")
    Integer batch;

    @Option(names = "--steps", paramLabel = "N", description = "Time steps per window for language models.")
    Integer steps;

    @Option(names = "--corpus", paramLabel = "NAME|FILE",
            description = "char-lm: timemachine (default), shakespeare or a UTF-8 text file; uci: a data file.")
    String corpus;

    @Option(names = "--order", paramLabel = "lsb|msb", defaultValue = "lsb",
            description = "addition: bit order, least significant first (default) or most significant first.")
    String order;

    @Option(names = "--fraction", paramLabel = "F", defaultValue = "1",
            description = "Use only this fraction of the training data (for quick runs).")
    double fraction;

    @Option(names = "--random-bptt", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "ptb and char-lm: draw each training window's length around --steps (AWD-LSTM: the steps "
                    + "with probability 0.95, else half; normal, sd 5, at least 5).")
    boolean randomBptt;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "",
            description = "A named variant of the task's defaults; ptb: regularized (2 x LSTM 500 with tied "
                    + "embeddings, locked, weight and embedding dropout, random BPTT, 25 epochs).")
    String preset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the corpora live (default: $RNNKIT_DATA, else ~/.rnnkit/data).")
    Path dataDir;

    @Option(names = "--spark-data", paramLabel = "DIR",
            description = "char-lm on Spark: a directory every node can read (shared storage); the corpus is encoded"
                    + " there and executors read their own batches from it, instead of the driver sending them.")
    Path sparkData;

    TaskOptions toTaskOptions(long seed) {
        return new TaskOptions(positiveOrDefault("--batch", batch), positiveOrDefault("--steps", steps), corpus, order,
                dataDir, sparkData, seed, fraction, randomBptt, preset);
    }

    /** The value when given (it must then be positive), else 0 for "the task's default". */
    private static int positiveOrDefault(String option, Integer value) {
        if (value == null) {
            return 0;
        }
        if (value <= 0) {
            throw new UserInputException(option + ": must be a positive whole number, got " + value);
        }
        return value;
    }
}
