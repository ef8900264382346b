package io.rnnkit.apps.tasks;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data-side choices of a run: batch size, sequence length, corpus, bit order and where the
 * corpora live. They are saved with the run so that resume and evaluate rebuild the same data.
 *
 * @param batch     examples (or rows of a token stream) per mini-batch; 0 means the task's default
 * @param steps     time steps per window for language models; 0 means the task's default
 * @param corpus    corpus name or file for char-lm; empty for the task's default
 * @param order     bit order for addition: lsb or msb
 * @param dataDir   explicit data directory, or null to use RNNKIT_DATA or ~/.rnnkit/data
 * @param sparkData a directory every Spark node can read, where executors read their own batches; null for none
 * @param seed      seed for data generation and shuffling
 * @param fraction  fraction of the training data to use (1 for all), for quick runs
 * @param randomBptt whether a language model's training windows get AWD-LSTM's random lengths around the steps
 * @param preset    a named variant of the task's model and training defaults, empty for the reference one
 */
public record TaskOptions(int batch, int steps, String corpus, String order, Path dataDir, Path sparkData, long seed,
                          double fraction, boolean randomBptt, String preset) {

    /** Options with fixed window lengths and the reference defaults. */
    public TaskOptions(int batch, int steps, String corpus, String order, Path dataDir, Path sparkData, long seed,
                       double fraction) {
        this(batch, steps, corpus, order, dataDir, sparkData, seed, fraction, false, "");
    }

    public TaskOptions {
        if (batch < 0) {
            throw new UserInputException("--batch: must be a positive whole number, got " + batch);
        }
        if (steps < 0) {
            throw new UserInputException("--steps: must be a positive whole number, got " + steps);
        }
        if (!order.equals("lsb") && !order.equals("msb")) {
            throw new UserInputException("--order: choose lsb or msb, got '" + order + "'");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new UserInputException("--fraction: must be in (0, 1], got " + fraction);
        }
        if (preset == null) {
            throw new IllegalArgumentException("preset: use \"\" for none");
        }
    }

    /** Whether the preset named {@code name} was chosen. */
    public boolean isPreset(String name) {
        return preset.equals(name);
    }

    /** The batch size to use: the option when set, else the task's default. */
    public int batchOr(int taskDefault) {
        return batch > 0 ? batch : taskDefault;
    }

    public int stepsOr(int taskDefault) {
        return steps > 0 ? steps : taskDefault;
    }

    public String corpusOr(String taskDefault) {
        return corpus == null || corpus.isEmpty() ? taskDefault : corpus;
    }

    /** The verified corpus store of the chosen data directory. */
    public CorpusStore store() {
        return CorpusStore.open(DataDirectory.resolve(dataDir));
    }

    /** These options with executors reading their batches from {@code directory} (null: the driver sends them). */
    public TaskOptions withSparkData(Path directory) {
        return new TaskOptions(batch, steps, corpus, order, dataDir, directory, seed, fraction, randomBptt, preset);
    }

    /** These options as flat key/value pairs (the data directories are not saved: they belong to the machine). */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("batch", Integer.toString(batch));
        map.put("steps", Integer.toString(steps));
        map.put("corpus", corpus == null ? "" : corpus);
        map.put("order", order);
        map.put("data-seed", Long.toString(seed));
        map.put("fraction", Double.toString(fraction));
        map.put("random-bptt", Boolean.toString(randomBptt));
        map.put("preset", preset);
        return map;
    }

    /** Reads options back from {@link #toMap()}, with the data directory of this machine. */
    public static TaskOptions fromMap(Map<String, String> map, Path dataDir) {
        io.rnnkit.core.config.FlatValues values = new io.rnnkit.core.config.FlatValues(map);
        return new TaskOptions(values.integer("batch"), values.integer("steps"), values.text("corpus", ""),
                values.text("order"), dataDir, null, values.longValue("data-seed"), values.decimal("fraction"),
                values.has("random-bptt") && values.bool("random-bptt"), values.text("preset", ""));
    }
}
