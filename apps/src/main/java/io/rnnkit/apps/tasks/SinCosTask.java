package io.rnnkit.apps.tasks;

import io.rnnkit.core.metrics.RegressionMetrics;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.generators.SinCosGenerator;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * sin-cos: map a sin sequence to the cos sequence in chunks of 10 steps, each about half a period
 * wide; a chunk's first steps alone cannot tell the sign of cos, so the RNN (hidden 32, Adam 0.02)
 * carries its state from chunk to chunk: stateful training, and stateful streaming at test time.
 * Chunks 0–39 train, 40–49 validate and 50–69 test; no chunk repeats another (see
 * {@link SinCosGenerator}).
 */
final class SinCosTask extends RegressionTask {

    static final int TRAIN_CHUNKS = 40;
    static final int VALIDATION_CHUNKS = 10;
    static final int TEST_CHUNKS = 20;
    static final int ALL_CHUNKS = TRAIN_CHUNKS + VALIDATION_CHUNKS + TEST_CHUNKS;

    @Override
    public String id() {
        return "sin-cos";
    }

    @Override
    String headlineMetric() {
        return "mse";
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        SinCosGenerator series = new SinCosGenerator(ALL_CHUNKS);
        return new TaskData(new MultiDataSetIteratorAdapter(series.iterator(0, TRAIN_CHUNKS)),
                new MultiDataSetIteratorAdapter(series.iterator(TRAIN_CHUNKS, TRAIN_CHUNKS + VALIDATION_CHUNKS)),
                new MultiDataSetIteratorAdapter(series.iterator(TRAIN_CHUNKS + VALIDATION_CHUNKS, ALL_CHUNKS)),
                1, 1, null, null, Map.of());
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        return new ModelSpec(Cell.SIMPLE, Implementation.RNNKIT, InputEncoding.DENSE, 1, 0, 1, 32, "tanh",
                BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_REGRESSION, 0, 1, Loss.MSE,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return new TrainingConfig(30, Optimizer.ADAM, 0.02, 0, 1.0, 0, 0, true, seed);
    }

    /**
     * Streams the series in time order through rnnTimeStep: the training chunks, then (for test) the
     * validation chunks, then the split's own chunks, which are scored. The state reaching a scored
     * chunk is the one the whole series before it builds.
     */
    @Override
    RegressionMetrics measure(Model model, TaskData data, String split) {
        MultiDataSetIterator scored = data.heldOut(split);
        MultiLayerNetwork network = (MultiLayerNetwork) model;
        network.rnnClearPreviousState();
        try {
            stream(network, data.train());
            if (scored == data.test()) {
                stream(network, data.validation());
            }
            List<double[]> truth = new ArrayList<>();
            List<double[]> predicted = new ArrayList<>();
            scored.reset();
            while (scored.hasNext()) {
                MultiDataSet chunk = scored.next();
                predicted.add(asDoubles(network.rnnTimeStep(chunk.getFeatures(0))));
                truth.add(asDoubles(chunk.getLabels(0)));
            }
            return RegressionMetrics.of(concat(truth), concat(predicted));
        } finally {
            network.rnnClearPreviousState();
        }
    }

    private static void stream(MultiLayerNetwork network, MultiDataSetIterator chunks) {
        chunks.reset();
        while (chunks.hasNext()) {
            network.rnnTimeStep(chunks.next().getFeatures(0));
        }
    }

    private static double[] asDoubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[] concat(List<double[]> chunks) {
        return chunks.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
