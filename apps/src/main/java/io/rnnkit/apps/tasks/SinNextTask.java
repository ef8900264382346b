package io.rnnkit.apps.tasks;

import io.rnnkit.core.metrics.RegressionMetrics;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.generators.SinNextGenerator;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * sin-next: predict sin(t) from the 5 previous values; GRU 64, batch 64, Adam 1e-3, MAE loss, 120 epochs, and
 * the weights starting as the reference's Keras GRU starts them (Glorot-uniform input, orthogonal recurrent).
 */
final class SinNextTask extends RegressionTask {

    @Override
    public String id() {
        return "sin-next";
    }

    @Override
    String headlineMetric() {
        return "mae";
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        SinNextGenerator generator = new SinNextGenerator();
        int batch = options.batchOr(64);
        return new TaskData(new MultiDataSetIteratorAdapter(generator.trainIterator(batch)),
                new MultiDataSetIteratorAdapter(generator.validationIterator(batch)),
                new MultiDataSetIteratorAdapter(generator.testIterator(batch)),
                1, 1, null, null, Map.of());
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        return new ModelSpec(Cell.GRU, Implementation.RNNKIT, InputEncoding.DENSE, 1, 0, 1, 64, "tanh",
                BidirectionalMode.NONE, 1.0, 1.0, Head.LAST_STEP_REGRESSION, 0, 1, Loss.MAE,
                new WeightInitSpec("keras"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return TrainingConfig.basic(120, Optimizer.ADAM, 1e-3, seed);
    }

    @Override
    RegressionMetrics measure(Model model, TaskData data, String split) {
        return RegressionMetrics.evaluate(model, data.heldOut(split));
    }
}
