package io.rnnkit.benchmarks.pytorch;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import java.util.Random;

/**
 * One PyTorch training step through DJL: recurrent block → linear → softmax cross-entropy, backward,
 * plain SGD update, on a fixed synthetic mini-batch (the same shapes as the DL4J peers).
 */
final class DjlTrainingStep implements StepBenchmark {

    private static final float LEARNING_RATE = 0.1f;

    private final Workload workload;
    private final long seed;
    private Model model;
    private Trainer trainer;
    private float[] features;
    private float[] labels;

    DjlTrainingStep(Workload workload, long seed) {
        this.workload = workload;
        this.seed = seed;
    }

    @Override
    public void setUp() {
        model = Model.newInstance("bench-" + workload.config() + "-" + workload.cell(), Device.cpu(), "PyTorch");
        SequentialBlock block = new SequentialBlock()
                .add(DjlBlocks.recurrent(workload, false))
                .add(Linear.builder().setUnits(workload.vocab()).build());
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(inputShape());
        Random random = new Random(seed);
        features = new float[workload.batch() * workload.timeSteps() * workload.inputSize()];
        boolean oneHot = workload.inputSize() == workload.vocab();
        for (int token = 0; token < workload.batch() * workload.timeSteps(); token++) {
            if (oneHot) {
                features[token * workload.inputSize() + random.nextInt(workload.inputSize())] = 1f;
            } else {
                for (int i = 0; i < workload.inputSize(); i++) {
                    features[token * workload.inputSize() + i] = random.nextFloat() * 2f - 1f;
                }
            }
        }
        labels = new float[workload.batch() * workload.timeSteps()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(workload.vocab());
        }
    }

    private Shape inputShape() {
        return new Shape(workload.batch(), workload.timeSteps(), workload.inputSize());
    }

    @Override
    public void step() {
        // Per-step arrays live in a sub-manager so every intermediate is freed when the step ends.
        try (NDManager stepManager = trainer.getManager().newSubManager()) {
            NDArray x = stepManager.create(features, inputShape());
            NDArray y = stepManager.create(labels, new Shape(workload.batch(), workload.timeSteps(), 1));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(loss);
            }
            trainer.step();
        }
    }

    @Override
    public void tearDown() {
        if (trainer != null) {
            trainer.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
