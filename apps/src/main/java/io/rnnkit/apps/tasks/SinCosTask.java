package io.rnnkit.apps.tasks;

import io.rnnkit.core.metrics.RegressionMetrics;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.generators.SinCosGenerator;
import io.rnnkit.models.spec.Bidirectional;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * sin-cos: map a sin sequence to the cos sequence in chunks of 10 steps over [kπ, (k+1)π); a chunk
 * alone cannot tell the sign of cos, so the RNN (hidden 32, Adam 0.02) carries its state from chunk
 * to chunk: stateful training, and stateful streaming at test time.
 */
final class SinCosTask extends RegressionTask {

    static final int TRAIN_CHUNKS = 40;
    static final int TEST_CHUNKS = 20;

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
        SinCosGenerator train = new SinCosGenerator(TRAIN_CHUNKS);
        SinCosGenerator all = new SinCosGenerator(TRAIN_CHUNKS + TEST_CHUNKS);
        return new TaskData(new MultiDataSetIteratorAdapter(train.iterator()),
                new MultiDataSetIteratorAdapter(all.iterator()),
                new MultiDataSetIteratorAdapter(all.iterator()),
                1, 1, null, null, Map.of());
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        return new ModelSpec(Cell.SIMPLE, Implementation.RNNKIT, InputEncoding.DENSE, 1, 0, 1, 32, "tanh",
                Bidirectional.NONE, 1.0, 1.0, Head.STEP_REGRESSION, 0, 1, Loss.MSE,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return new TrainingConfig(30, Optimizer.ADAM, 0.02, 0, 1.0, 0, 0, true, seed);
    }

    /** Streams every chunk in time order through rnnTimeStep and scores the chunks after the training range. */
    @Override
    RegressionMetrics measure(Model model, TaskData data, String split) {
        MultiLayerNetwork network = (MultiLayerNetwork) model;
        network.rnnClearPreviousState();
        DataSet all = new SinCosGenerator(TRAIN_CHUNKS + TEST_CHUNKS).dataSet();
        INDArray sin = all.getFeatures();
        INDArray cos = all.getLabels();
        double[] truth = new double[TEST_CHUNKS * SinCosGenerator.STEPS];
        double[] predicted = new double[truth.length];
        for (int k = 0; k < TRAIN_CHUNKS + TEST_CHUNKS; k++) {
            INDArray chunk = sin.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
            double[] output = network.rnnTimeStep(chunk).castTo(DataType.DOUBLE).dup().data().asDouble();
            if (k >= TRAIN_CHUNKS) {
                int offset = (k - TRAIN_CHUNKS) * SinCosGenerator.STEPS;
                System.arraycopy(output, 0, predicted, offset, SinCosGenerator.STEPS);
                double[] expected = cos.get(org.nd4j.linalg.indexing.NDArrayIndex.point(k),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .castTo(DataType.DOUBLE).dup().data().asDouble();
                System.arraycopy(expected, 0, truth, offset, SinCosGenerator.STEPS);
            }
        }
        network.rnnClearPreviousState();
        return RegressionMetrics.of(truth, predicted);
    }
}
