package io.rnnkit.core.train;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.config.FlatValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Everything the trainer needs besides the model and the data: validated and immutable.
 *
 * <p>It converts to and from a flat key/value form that the CLI, logs and saved runs share.
 *
 * @param epochs          number of passes over the training data, at least 1
 * @param optimizer       SGD, Adam or Nadam
 * @param learningRate    initial learning rate, positive
 * @param decayAfter      epochs to keep the initial rate before decaying (0 for no decay)
 * @param decayFactor     factor applied once per epoch after {@code decayAfter} epochs, in (0, 1]
 * @param clipNorm        global gradient-norm limit, 0 for none
 * @param patience        epochs without validation improvement before stopping early, 0 for never
 * @param stateful        carry hidden state across consecutive mini-batches, reset at epoch start
 * @param seed            seed for weights, shuffling and dropout
 * @param asgdAfter       non-monotonically triggered averaged SGD (NT-ASGD): once validation has not improved for
 *                        this many epochs, average the weights over every later batch and validate (and finish)
 *                        with the average; 0 for never
 * @param keepBest        finish with the weights of the epoch that validated best (and score the test split with
 *                        them), not those of the last epoch; without validation data the last epoch's are kept
 */
public record TrainingConfig(
        int epochs,
        Optimizer optimizer,
        double learningRate,
        int decayAfter,
        double decayFactor,
        double clipNorm,
        int patience,
        boolean stateful,
        long seed,
        int asgdAfter,
        boolean keepBest) {

    /** A config without weight averaging. */
    public TrainingConfig(int epochs, Optimizer optimizer, double learningRate, int decayAfter, double decayFactor,
                          double clipNorm, int patience, boolean stateful, long seed) {
        this(epochs, optimizer, learningRate, decayAfter, decayFactor, clipNorm, patience, stateful, seed, 0);
    }

    /** A config that finishes with the last epoch's weights. */
    public TrainingConfig(int epochs, Optimizer optimizer, double learningRate, int decayAfter, double decayFactor,
                          double clipNorm, int patience, boolean stateful, long seed, int asgdAfter) {
        this(epochs, optimizer, learningRate, decayAfter, decayFactor, clipNorm, patience, stateful, seed, asgdAfter,
                false);
    }

    public TrainingConfig {
        require(epochs >= 1, "epochs", epochs, "must be at least 1");
        if (optimizer == null) {
            throw new UserInputException("optimizer: must be set");
        }
        require(learningRate > 0 && Double.isFinite(learningRate), "lr", learningRate, "must be positive");
        require(decayAfter >= 0, "decay-after", decayAfter, "must be 0 or more");
        require(decayFactor > 0 && decayFactor <= 1, "decay-factor", decayFactor, "must be in (0, 1]");
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip-norm", clipNorm, "must be 0 (off) or positive");
        require(patience >= 0, "patience", patience, "must be 0 (off) or more");
        require(asgdAfter >= 0, "asgd", asgdAfter, "must be 0 (off) or more");
    }

    /** A config with the given epochs, optimizer and rate, and no decay, clipping or early stopping. */
    public static TrainingConfig basic(int epochs, Optimizer optimizer, double learningRate, long seed) {
        return new TrainingConfig(epochs, optimizer, learningRate, 0, 1.0, 0, 0, false, seed);
    }

    private static void require(boolean ok, String field, Object value, String rule) {
        if (!ok) {
            throw new UserInputException(field + ": " + rule + ", got " + value);
        }
    }

    /** The DL4J updater for this config, with the decay schedule built in. */
    public IUpdater updater() {
        return optimizer.updater(learningRateSchedule());
    }

    /** The learning rate by epoch: the initial rate, decayed after {@code decayAfter} epochs. */
    public ISchedule learningRateSchedule() {
        int keep = decayAfter == 0 ? Integer.MAX_VALUE / 2 : decayAfter;
        return new StepDecaySchedule(learningRate, keep, decayFactor);
    }

    /** This config as flat key/value pairs, the form the CLI and saved runs use. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("epochs", Integer.toString(epochs));
        map.put("optimizer", optimizer.name().toLowerCase(java.util.Locale.ROOT));
        map.put("lr", Double.toString(learningRate));
        map.put("decay-after", Integer.toString(decayAfter));
        map.put("decay-factor", Double.toString(decayFactor));
        map.put("clip-norm", Double.toString(clipNorm));
        map.put("patience", Integer.toString(patience));
        map.put("stateful", Boolean.toString(stateful));
        map.put("seed", Long.toString(seed));
        map.put("asgd", Integer.toString(asgdAfter));
        map.put("keep-best", Boolean.toString(keepBest));
        return map;
    }

    /**
     * Reads a config back from {@link #toMap()}'s form; a missing or malformed value names its key ("asgd" and
     * "keep-best" may be missing: runs saved before they existed did not average and kept the last weights).
     */
    public static TrainingConfig fromMap(Map<String, String> map) {
        FlatValues values = new FlatValues(map);
        return new TrainingConfig(
                values.integer("epochs"),
                Optimizer.parse(values.text("optimizer")),
                values.decimal("lr"),
                values.integer("decay-after"),
                values.decimal("decay-factor"),
                values.decimal("clip-norm"),
                values.integer("patience"),
                values.bool("stateful"),
                values.longValue("seed"),
                values.has("asgd") ? values.integer("asgd") : 0,
                values.has("keep-best") && values.bool("keep-best"));
    }
}
