package io.rnnkit.apps;

import io.rnnkit.apps.report.RunMarks;
import io.rnnkit.apps.report.RunPage;
import io.rnnkit.apps.tasks.ReferenceTask;
import io.rnnkit.apps.tasks.TaskData;
import io.rnnkit.apps.tasks.TaskOptions;
import io.rnnkit.apps.tasks.Tasks;
import io.rnnkit.core.UserInputException;
import io.rnnkit.core.parallel.EpochFitters;
import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.train.CarriedState;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.RunLock;
import io.rnnkit.core.train.Trainer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.TrainingDivergedException;
import io.rnnkit.core.train.TrainingResult;
import io.rnnkit.models.layers.RecurrentState;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.NetworkFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.api.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code rnnkit train <task>}: trains a reference task, writes its run directory and prints its headline metric. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a reference task (waves, addition, sin-next, sin-cos, char-lm, ptb, uci, seq2seq-add) "
                + "and print its headline metric.")
final class TrainCommand implements Callable<Integer> {

    /** Exit status of a run stopped by Ctrl-C after writing its checkpoint. */
    static final int EXIT_INTERRUPTED = 130;
    private static final long SHUTDOWN_WAIT_SECONDS = 120;
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "The task to train.")
    String task;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<task>-<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR from its last checkpoint.")
    Path resume;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for data, weights and dropout (default: 42).")
    Long seed;

    @Mixin
    ModelOverrides model;

    @Mixin
    TrainingOverrides training;

    @Mixin
    DataOptions data;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    UiOptions ui;

    /** Sees the trainer and the network just before training starts; tests use it to stop a run at a chosen batch. */
    BiConsumer<Trainer, Model> beforeTraining = (trainer, network) -> { };

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            refuseOptionsAResumeCannotChange();
        }
        RunLock lock = resume != null ? RunDirectory.lock(resume, "--resume", false) : null;
        try {
            Prepared prepared = resume != null ? resumedPlan() : newPlan();
            RunPlan plan = prepared.plan();
            // Created before the run directory, so that a run it refuses leaves nothing behind.
            try (LiveUi liveUi = ui.start();
                 EpochFitter fitter = EpochFitters.create(plan.execution(), plan.training(), "rnnkit " + plan.task())
                    .orElse(null)) {
                if (lock == null) {
                    lock = RunDirectory.lock(prepared.root(), "--out", true);
                }
                RunDirectory run = resume != null ? RunDirectory.reopen(resume) : RunDirectory.createNew(prepared.root());
                return train(prepared, run, fitter, liveUi);
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private int train(Prepared prepared, RunDirectory run, EpochFitter fitter, LiveUi liveUi) throws Exception {
        RunPlan plan = prepared.plan();
        TaskData taskData = prepared.data();
        ReferenceTask reference = Tasks.byId(plan.task());
        Model network = NetworkFactory.build(plan.spec(), plan.training());
        PrintWriter out = spec.commandLine().getOut();
        plan.save(run.root());
        // logged like the progress lines, not printed among the command's own messages, whose error stays one line
        RunEnvironment.record(run.root()).forEach(LOG::warn);
        RunPage page = new RunPage(run.root(), reference.validation(taskData).metric());
        Trainer trainer = new Trainer(plan.training(), reference.validation(taskData), run)
                .withCarriedState(CarriedState.of(RecurrentState::reset, RecurrentState::save, RecurrentState::restore))
                .withGradientListeners(NetworkFactory.gradientListeners(plan.spec()))
                .withEpochFitter(fitter)
                .withListeners(liveUi.listeners(run.root(), spec.commandLine().getErr()))
                .afterCheckpoint(history -> writePage(page));
        // SIGINT and SIGTERM alike: stop training at the next batch, and let the JVM exit only once the stop line
        // (or the finished run's files) are out; the trainer's own hook covers only its loop.
        CountDownLatch done = new CountDownLatch(1);
        Thread finishOnExit = new Thread(() -> {
            trainer.requestStop();
            awaitQuietly(done);
        }, "rnnkit-finish-on-exit");
        Runtime.getRuntime().addShutdownHook(finishOnExit);
        try {
            beforeTraining.accept(trainer, network);
            RunMarks.started(run.root());
            TrainingResult result;
            try {
                // A run that died before its first checkpoint starts again from its saved plan.
                result = run.hasCheckpoint()
                        ? trainer.resume(network, taskData.train())
                        : trainer.train(network, taskData.train());
            } catch (TrainingDivergedException e) {
                RunMarks.diverged(run.root(), e.getMessage());
                throw e;
            }
            if (result.interrupted()) {
                writePage(page);
                out.println(plan.task() + ": stopped; continue with: ./rnnkit train --resume " + run.root());
                return EXIT_INTERRUPTED;
            }
            RunReport report = new RunReport(plan, reference, taskData, run);
            Map<String, Double> test = report.write(result);
            page.write();
            out.println(reference.headline(test, "test"));
            return 0;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(finishOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting on a signal; the hook has just been released.
            }
        }
    }

    private static void writePage(RunPage page) {
        try {
            page.write();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RunPage.FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The options a resumed run takes: how long and how fast it trains on, where, and where the corpora are. */
    private static final Set<String> RESUMABLE = Set.of("--resume", "--epochs", "--lr", "--clip-norm", "--patience",
            "--data-dir", "--threads", "--workers", "--spark", "--sync", "--averaging-frequency", "--spark-network",
            "--spark-port", "--spark-data");

    private void refuseOptionsAResumeCannotChange() {
        if (task != null) {
            throw new UserInputException("--resume: the run keeps its saved task; drop '" + task + "'");
        }
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUMABLE.contains(option.longestName())) {
                throw new UserInputException("--resume: " + option.longestName() + " cannot change when a run resumes"
                        + " (it keeps its saved plan); only --epochs, --lr, --clip-norm, --patience, --data-dir and"
                        + " where it trains (--threads, --workers, --spark and their settings) may be given");
            }
        }
    }

    /** A validated plan, the data it runs on and its run directory, all ready before anything is written. */
    private record Prepared(RunPlan plan, TaskData data, Path root) {
    }

    private Prepared newPlan() {
        if (task == null) {
            throw new UserInputException("train: name a task (" + String.join(", ", Tasks.ids()) + ") or --resume DIR");
        }
        ReferenceTask reference = Tasks.byId(task);
        if (spec.commandLine().getParseResult().hasMatchedOption("--fraction") && !reference.usesFraction()) {
            throw new UserInputException("--fraction: " + task + " does not use it (its training set has a fixed size);"
                    + " it applies to char-lm, ptb and seq2seq-add");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--random-bptt") && !reference.usesRandomBptt()) {
            throw new UserInputException("--random-bptt: " + task + " does not use it; it applies to ptb and char-lm");
        }
        long runSeed = seed == null ? 42 : seed;
        TaskOptions options = data.toTaskOptions(runSeed);
        if (!options.preset().isEmpty() && !reference.presets().contains(options.preset())) {
            throw new UserInputException("--preset: " + task + " has " + (reference.presets().isEmpty() ? "no presets"
                    : "the presets " + String.join(", ", new java.util.TreeSet<>(reference.presets())))
                    + ", got '" + options.preset() + "'");
        }
        ExecutionConfig executionConfig = ExecutionConfig.fromMap(execution.asMap());
        requireSparkForSparkData(reference, options, executionConfig);
        Map<String, String> trainingMap = new LinkedHashMap<>(reference.defaultTraining(runSeed, options).toMap());
        trainingMap.putAll(training.asMap());
        TrainingConfig trainingConfig = TrainingConfig.fromMap(trainingMap);
        TaskData taskData = reference.prepare(options);
        ModelSpec modelSpec = reference.defaultSpec(taskData, options).with(withSeed(model.asMap(), runSeed));
        return new Prepared(new RunPlan(task, options, modelSpec, trainingConfig, executionConfig), taskData,
                outputDirectory());
    }

    /** {@code --spark-data} only where executors can use it: a task that reads shared data, trained on Spark. */
    private static void requireSparkForSparkData(ReferenceTask task, TaskOptions options, ExecutionConfig execution) {
        if (options.sparkData() == null) {
            return;
        }
        if (!task.readsSharedData()) {
            throw new UserInputException("--spark-data: " + task.id() + " has its batches sent by the driver; only"
                    + " char-lm reads its corpus from shared storage");
        }
        if (!execution.onSpark()) {
            throw new UserInputException("--spark-data: executors read their batches from it only when training on"
                    + " Spark; add --spark MASTER or drop it");
        }
    }

    private static Map<String, String> withSeed(Map<String, String> overrides, long runSeed) {
        Map<String, String> map = new LinkedHashMap<>(overrides);
        map.put("seed", Long.toString(runSeed));
        return map;
    }

    /**
     * A resumed run keeps its saved plan; its epochs, learning rate, clip norm and patience, and where it trains,
     * may change, and run.properties then records the values it goes on with.
     */
    private Prepared resumedPlan() {
        RunPlan saved = RunPlan.load(resume, data.dataDir);
        Map<String, String> trainingMap = new LinkedHashMap<>(saved.training().toMap());
        trainingMap.putAll(training.asMap());
        Map<String, String> executionMap = new LinkedHashMap<>(saved.execution().toMap());
        executionMap.putAll(execution.asMap());
        TaskOptions options = saved.options().withSparkData(data.sparkData);
        ExecutionConfig executionConfig = ExecutionConfig.fromMap(executionMap);
        requireSparkForSparkData(Tasks.byId(saved.task()), options, executionConfig);
        RunPlan plan = new RunPlan(saved.task(), options, saved.spec(), TrainingConfig.fromMap(trainingMap),
                executionConfig);
        return new Prepared(plan, Tasks.byId(plan.task()).prepare(plan.options()), resume);
    }

    private Path outputDirectory() {
        if (out != null) {
            return out;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", task + "-" + stamp);
    }
}
