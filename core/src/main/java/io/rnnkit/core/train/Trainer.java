package io.rnnkit.core.train;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop shared by every task: fits batches, clips by global norm, validates, stops early,
 * checkpoints atomically each epoch (and on Ctrl-C), and guards against a diverging loss.
 *
 * <p>With {@link TrainingConfig#asgdAfter()} set it becomes NT-ASGD (Merity et al. 2018): once validation has not
 * improved for that many epochs, it keeps the running mean of the weights after every later batch, validates with
 * that mean, and hands it back as the trained model; the checkpoint carries the mean, so resume continues it.
 *
 * <p>With {@link TrainingConfig#keepBest()} it copies the weights each time validation improves (the averaged ones
 * under averaged SGD), carries the copy in the checkpoint, and hands it back at the end instead of the last epoch's.
 *
 * <p>Runs are reproducible: the ND4J random generator is reseeded from the config seed at each
 * epoch and before each batch, and the data iterator is reset once per epoch, so a resumed run
 * replays exactly what an uninterrupted one would have done from the same checkpoint, even mid-epoch.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final long SEED_STRIDE = 1_000_003L;
    private static final long SHUTDOWN_WAIT_SECONDS = 120;

    private final TrainingConfig config;
    private final Validation validation;
    private final RunDirectory run;
    private CarriedState carriedState = CarriedState.NONE;
    private EpochFitter epochFitter;
    private List<TrainingListener> listeners = List.of();
    private List<TrainingListener> gradientListeners = List.of();
    /** The running weight average of averaged SGD once its trigger fired, else null. */
    private ParameterAverage average;
    /** Under {@link TrainingConfig#keepBest()}, the weights that validated best so far, else null. */
    private BestWeights best;
    private Consumer<List<EpochRecord>> afterCheckpoint = history -> { };
    private volatile boolean stopRequested;
    /** Where the latest checkpoint on disk stands, or null before the first one. */
    private TrainerState checkpointed;

    /** A trainer for one run; {@code validation} may be null when there is no held-out data. */
    public Trainer(TrainingConfig config, Validation validation, RunDirectory run) {
        this.config = config;
        this.validation = validation;
        this.run = run;
    }

    /**
     * The hidden state a stateful model carries between batches: cleared at each epoch start, and saved with a
     * mid-epoch checkpoint so that resume continues from it.
     */
    public Trainer withCarriedState(CarriedState state) {
        this.carriedState = state;
        return this;
    }

    /**
     * Hands each epoch's batches to {@code fitter} (worker replicas, a Spark cluster) instead of fitting
     * them on this thread; validation, checkpoints and early stopping stay here. A stop request then takes
     * effect at the end of the epoch.
     */
    public Trainer withEpochFitter(EpochFitter fitter) {
        this.epochFitter = fitter;
        return this;
    }

    /** Attaches {@code extra} (a stats listener, say) to the network that trains, the resumed one included. */
    public Trainer withListeners(List<TrainingListener> extra) {
        this.listeners = List.copyOf(extra);
        return this;
    }

    /**
     * Attaches {@code hooks} to the network that trains ahead of gradient clipping and any other listener, so that
     * they see each raw gradient first (tied embeddings sum their two gradients there).
     */
    public Trainer withGradientListeners(List<TrainingListener> hooks) {
        this.gradientListeners = List.copyOf(hooks);
        return this;
    }

    /** Called with the history so far after each epoch's checkpoint and metrics.csv are written. */
    public Trainer afterCheckpoint(Consumer<List<EpochRecord>> callback) {
        this.afterCheckpoint = callback;
        return this;
    }

    /** Asks a running {@link #train} to checkpoint and return after its current batch. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains a freshly initialised model from epoch 1. */
    public TrainingResult train(Model model, MultiDataSetIterator data) {
        return loop(model, data, TrainerState.start(), Map.of(), new ArrayList<>());
    }

    /**
     * Continues the run from its checkpoint; {@code like} only tells which kind of network to load. The
     * checkpoint's epoch records replace {@code metrics.csv}, so a row lost to a crash comes back. The config's
     * epochs, learning rate (as the schedule's initial rate: a decayed epoch stays decayed from it), clip norm
     * and patience apply from here on.
     */
    public TrainingResult resume(Model like, MultiDataSetIterator data) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.load(run.checkpoint(), like);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + run.checkpoint() + ": " + e.getMessage(), e);
        }
        TrainerState state = checkpoint.state();
        int started = state.epochsCompleted() + (state.batchesIntoEpoch() > 0 ? 1 : 0);
        if (config.epochs() < started) {
            throw new UserInputException("--epochs: this run has already " + (state.batchesIntoEpoch() > 0
                    ? "started epoch " + started : "finished " + started + " epochs") + ", got " + config.epochs());
        }
        Networks.setLearningRate(checkpoint.model(), config.learningRateSchedule());
        checkpointed = state;
        average = checkpoint.average();
        best = checkpoint.best();
        List<EpochRecord> history = new ArrayList<>(checkpoint.history());
        writeHistory(history);
        for (int epoch = 0; epoch < state.epochsCompleted(); epoch++) {
            data.reset();
        }
        LOG.info("resuming {} after epoch {}", run.root(), state.epochsCompleted());
        return loop(checkpoint.model(), data, state, checkpoint.carriedState(), history);
    }

    private TrainingResult loop(Model model, MultiDataSetIterator data, TrainerState start,
                                Map<String, INDArray> carriedAtStart, List<EpochRecord> history) {
        if (config.asgdAfter() > 0 && epochFitter != null) {
            throw new UserInputException("asgd: averaged SGD averages the weights after every batch on this machine;"
                    + " it does not run with --workers or --spark");
        }
        if (!gradientListeners.isEmpty()) {
            model.addListeners(gradientListeners.toArray(TrainingListener[]::new));
        }
        GlobalNormClipping clipping = config.clipNorm() > 0 ? new GlobalNormClipping(config.clipNorm()) : null;
        if (clipping != null) {
            model.addListeners(clipping);
        }
        if (!listeners.isEmpty()) {
            model.addListeners(listeners.toArray(TrainingListener[]::new));
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            requestStop();
            awaitQuietly(finished);
        }, "rnnkit-checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            return epochs(model, data, start, carriedAtStart, history);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting; the hook itself is waiting on 'finished'.
            }
        }
    }

    private TrainingResult epochs(Model model, MultiDataSetIterator data, TrainerState start,
                                  Map<String, INDArray> carriedAtStart, List<EpochRecord> history) {
        TrainerState state = start;
        long startedNanos = System.nanoTime();
        long items = 0;
        double trainingSeconds = 0;
        long batchesPerEpoch = -1;
        boolean stoppedEarly = false;
        Map<String, Double> lastMetrics = Map.of();
        if (patienceRunOut(state)) {
            // Resumed after an early stop whose report a crash cut short: nothing left to train.
            return finish(model, history, lastMetrics, state.elapsedSeconds(), 0, true);
        }
        for (int epoch = start.epochsCompleted(); epoch < config.epochs(); epoch++) {
            data.reset();
            Networks.setEpoch(model, epoch);
            Nd4j.getRandom().setSeed(epochSeed(epoch));
            if (config.stateful()) {
                carriedState.reset(model);
            }
            boolean resumingThisEpoch = epoch == start.epochsCompleted();
            int skip = resumingThisEpoch ? start.batchesIntoEpoch() : 0;
            double lossSoFar = resumingThisEpoch ? start.lossSumIntoEpoch() : 0;
            for (int i = 0; i < skip && data.hasNext(); i++) {
                data.next();
            }
            if (config.stateful() && skip > 0) {
                carriedState.restore(model, carriedAtStart);
            }
            double learningRate = Networks.learningRate(model);
            EpochOutcome outcome = epochFitter == null
                    ? fitEpoch(model, data, epoch, batchesPerEpoch, skip, lossSoFar)
                    : fitElsewhere(model, data, epoch, batchesPerEpoch, lossSoFar);
            items += outcome.items();
            trainingSeconds += outcome.seconds();
            int epochBatches = skip + outcome.batches();
            state = new TrainerState(epoch, epochBatches, state.steps() + outcome.batches(),
                    state.bestValidation(), state.epochsWithoutImprovement(), elapsed(start, startedNanos),
                    outcome.lossSum());
            if (outcome.interrupted()) {
                saveCheckpoint(model, state, history, config.stateful() ? carriedState.save(model) : Map.of());
                LOG.warn("stopped during epoch {}; checkpoint saved to {}; continue with --resume {}",
                        epoch + 1, run.checkpoint(), run.root());
                return new TrainingResult(model, history, lastMetrics, state.elapsedSeconds(),
                        throughput(items, trainingSeconds), false, true, history.size());
            }
            batchesPerEpoch = epochBatches;
            double trainLoss = epochBatches == 0 ? Double.NaN : outcome.lossSum() / epochBatches;
            lastMetrics = validation == null ? Map.of() : validate(model);
            double headline = validation == null ? Double.NaN
                    : lastMetrics.getOrDefault(validation.metric(), Double.NaN);
            boolean improved = validation != null && validation.improves(headline, state.bestValidation());
            state = new TrainerState(epoch + 1, 0, state.steps(),
                    improved ? headline : state.bestValidation(),
                    improved ? 0 : state.epochsWithoutImprovement() + 1,
                    elapsed(start, startedNanos), 0);
            history.add(new EpochRecord(epoch + 1, state.steps(), learningRate, trainLoss, headline,
                    state.elapsedSeconds(), throughput(outcome.items(), outcome.seconds())));
            if (improved && config.keepBest()) {
                best = BestWeights.of(epoch + 1, validatedWeights(model));
            }
            if (config.asgdAfter() > 0 && average == null && state.epochsWithoutImprovement() >= config.asgdAfter()) {
                LOG.info("{} has not improved for {} epochs: averaging the weights from here on (NT-ASGD)",
                        validation.metric(), state.epochsWithoutImprovement());
                average = new ParameterAverage();
            }
            saveCheckpoint(model, state, history, Map.of());
            writeHistory(history);
            afterCheckpoint.accept(List.copyOf(history));
            LOG.info("epoch {}/{}: train loss {}{}", epoch + 1, config.epochs(), String.format("%.4f", trainLoss),
                    validation == null ? "" : String.format(", %s %.4f", validation.metric(), headline));
            if (patienceRunOut(state)) {
                stoppedEarly = true;
                break;
            }
        }
        return finish(model, history, lastMetrics, state.elapsedSeconds(), throughput(items, trainingSeconds),
                stoppedEarly);
    }

    /**
     * The finished run: the model with the best epoch's weights under {@link TrainingConfig#keepBest()} (validated
     * again, so that the metrics are theirs), else with the averaged weights once averaged SGD has begun.
     */
    private TrainingResult finish(Model model, List<EpochRecord> history, Map<String, Double> lastMetrics,
                                  double wallSeconds, double itemsPerSecond, boolean stoppedEarly) {
        if (best != null) {
            model.setParams(best.weights());
            LOG.info("keeping epoch {}'s weights, the best on validation ({} {})", best.epoch(), validation.metric(),
                    String.format("%.4f", history.get(best.epoch() - 1).validation()));
            return new TrainingResult(model, history, validation.evaluator().evaluate(model), wallSeconds,
                    itemsPerSecond, stoppedEarly, false, best.epoch());
        }
        if (average != null && average.mean() != null) {
            model.setParams(average.mean());
        }
        return new TrainingResult(model, history, lastMetrics, wallSeconds, itemsPerSecond, stoppedEarly, false,
                history.size());
    }

    /**
     * What one pass over (the rest of) an epoch's batches produced; {@code lossSum} also counts the batches
     * trained before a resume, summed in the same order as an uninterrupted run would.
     */
    private record EpochOutcome(int batches, long items, double lossSum, double seconds, boolean interrupted) {
    }

    private EpochOutcome fitEpoch(Model model, MultiDataSetIterator data, int epoch, long expectedBatches,
                                  int skipped, double lossSoFar) {
        int batches = 0;
        long items = 0;
        double lossSum = lossSoFar;
        long started = System.nanoTime();
        Progress progress = null;
        try {
            while (data.hasNext()) {
                MultiDataSet batch = data.next();
                if (progress == null) {
                    progress = Progress.forEpoch(epoch + 1, config.epochs(), expectedBatches, unitOf(batch));
                }
                // Seeded by position, so the dropout masks after a mid-epoch resume are the uninterrupted run's.
                Nd4j.getRandom().setSeed(epochSeed(epoch) * SEED_STRIDE + skipped + batches);
                Networks.fit(model, batch);
                double loss = model.score();
                if (!Double.isFinite(loss)) {
                    throw diverged(loss, String.format("at epoch %d, batch %d", epoch + 1, skipped + batches + 1));
                }
                if (average != null) {
                    average.add(model.params());
                }
                batches++;
                items += itemCount(batch);
                lossSum += loss;
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.step(loss, items, items / Math.max(seconds, 1e-9));
                if (stopRequested) {
                    return new EpochOutcome(batches, items, lossSum, seconds, true);
                }
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        return new EpochOutcome(batches, items, lossSum, (System.nanoTime() - started) / 1e9, false);
    }

    /**
     * One epoch through the {@link EpochFitter}: progress as batches are handed out, the loss it reports,
     * and a stop request honoured once the epoch's batches are fitted.
     */
    private EpochOutcome fitElsewhere(Model model, MultiDataSetIterator data, int epoch, long expectedBatches,
                                      double lossSoFar) {
        long started = System.nanoTime();
        Progress[] progress = new Progress[1];
        CountingBatches counted = new CountingBatches(data, (unit, items) -> {
            if (progress[0] == null) {
                progress[0] = Progress.forEpoch(epoch + 1, config.epochs(), expectedBatches, unit);
            }
            progress[0].step(Double.NaN, items, items / Math.max((System.nanoTime() - started) / 1e9, 1e-9));
        });
        double loss;
        try {
            loss = epochFitter.fitEpoch(model, counted);
        } finally {
            if (progress[0] != null) {
                progress[0].close();
            }
        }
        if (counted.batches() > 0 && !Double.isFinite(loss)) {
            throw diverged(loss, "in epoch " + (epoch + 1));
        }
        double lossSum = counted.batches() == 0 ? lossSoFar : lossSoFar + loss * counted.batches();
        return new EpochOutcome(counted.batches(), counted.items(), lossSum,
                (System.nanoTime() - started) / 1e9, stopRequested);
    }

    /** The validation metrics, of the averaged weights once averaged SGD has begun. */
    private Map<String, Double> validate(Model model) {
        if (average == null || average.mean() == null) {
            return validation.evaluator().evaluate(model);
        }
        INDArray trained = model.params().dup();
        model.setParams(average.mean());
        try {
            return validation.evaluator().evaluate(model);
        } finally {
            model.setParams(trained);
        }
    }

    /** The weights that {@link #validate} scored: the averaged ones once averaged SGD has begun. */
    private INDArray validatedWeights(Model model) {
        return average == null || average.mean() == null ? model.params() : average.mean();
    }

    private boolean patienceRunOut(TrainerState state) {
        if (validation != null && config.patience() > 0 && state.epochsWithoutImprovement() >= config.patience()) {
            LOG.info("early stop: no {} improvement for {} epochs", validation.metric(), config.patience());
            return true;
        }
        return false;
    }

    /** The divergence error: it points at the checkpoint only when there is one. */
    private TrainingDivergedException diverged(double loss, String where) {
        String fix = "lower --lr or set --clip-norm";
        if (checkpointed == null) {
            return new TrainingDivergedException(String.format("training diverged: loss is %s %s, before the first "
                    + "checkpoint; %s and start again (--resume %s --lr RATE restarts this run's saved plan)",
                    loss, where, fix, run.root()));
        }
        String kept = checkpointed.batchesIntoEpoch() > 0
                ? "the checkpoint at batch " + checkpointed.batchesIntoEpoch() + " of epoch "
                        + (checkpointed.epochsCompleted() + 1)
                : "epoch " + checkpointed.epochsCompleted() + "'s checkpoint";
        return new TrainingDivergedException(String.format("training diverged: loss is %s %s; %s is kept: %s and "
                + "continue with --resume %s --lr RATE", loss, where, kept, fix, run.root()));
    }

    private long epochSeed(int epoch) {
        return config.seed() * SEED_STRIDE + epoch;
    }

    static String unitOf(MultiDataSet batch) {
        return batch.getLabels(0).rank() == 3 ? "tokens" : "examples";
    }

    /** Tokens (masked steps count only) for sequence labels, examples otherwise. */
    public static long itemCount(MultiDataSet batch) {
        INDArray labels = batch.getLabels(0);
        INDArray mask = batch.getLabelsMaskArray(0);
        if (mask != null) {
            return Math.round(mask.sumNumber().doubleValue());
        }
        return labels.rank() == 3 ? labels.size(0) * labels.size(2) : labels.size(0);
    }

    private static double throughput(long items, double seconds) {
        return seconds > 0 ? items / seconds : 0;
    }

    private static double elapsed(TrainerState start, long startedNanos) {
        return start.elapsedSeconds() + (System.nanoTime() - startedNanos) / 1e9;
    }

    private void saveCheckpoint(Model model, TrainerState state, List<EpochRecord> history,
                                Map<String, INDArray> carried) {
        try {
            new Checkpoint(model, state, history, carried, average, best).save(run.checkpoint());
            checkpointed = state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + run.checkpoint() + ": " + e.getMessage(), e);
        }
    }

    private void writeHistory(List<EpochRecord> history) {
        try {
            AtomicFiles.writeString(run.metricsCsv(), EpochRecord.toCsv(history));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.metricsCsv() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
