package io.rnnkit.apps.tasks;

import io.rnnkit.core.train.Networks;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.Validation;
import io.rnnkit.datasets.generators.AdditionGenerator;
import io.rnnkit.datasets.generators.BitOrder;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * addition: 8-bit binary a + b, two input bits and one output bit per step, hidden 16. Least
 * significant bit first is learnable by a unidirectional RNN (the carry flows forward); most
 * significant first is not, unless the network is bidirectional.
 */
final class AdditionTask implements ReferenceTask {

    private static final double TEST_FRACTION = 0.2;
    private static final double VALIDATION_FRACTION = 0.1;

    @Override
    public String id() {
        return "addition";
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        BitOrder order = options.order().equals("msb") ? BitOrder.MSB_FIRST : BitOrder.LSB_FIRST;
        AdditionGenerator generator = new AdditionGenerator(options.seed(), order, TEST_FRACTION, VALIDATION_FRACTION);
        int batch = options.batchOr(32);
        return new TaskData(new MultiDataSetIteratorAdapter(generator.trainIterator(batch)),
                new MultiDataSetIteratorAdapter(generator.validationIterator(batch)),
                new MultiDataSetIteratorAdapter(generator.testIterator(batch)),
                2, 1, null, null, Map.of());
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        return new ModelSpec(Cell.SIMPLE, Implementation.RNNKIT, InputEncoding.DENSE, 2, 0, 1, 16, "tanh",
                BidirectionalMode.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, 1, Loss.BINARY_CROSS_ENTROPY,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return TrainingConfig.basic(10, Optimizer.ADAM, 0.01, seed);
    }

    @Override
    public Validation validation(TaskData data) {
        return new Validation("accuracy", true, model -> score(model, data.validation()));
    }

    @Override
    public Map<String, Double> evaluate(Model model, TaskData data, String split) {
        return score(model, data.heldOut(split));
    }

    /** Whole-sum accuracy (all 8 bits right) and bit accuracy, thresholding the sigmoid at 0.5. */
    static Map<String, Double> score(Model model, MultiDataSetIterator data) {
        long sums = 0;
        long rightSums = 0;
        long bits = 0;
        long rightBits = 0;
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            INDArray predicted = Networks.output(model, batch)[0].gt(0.5);
            INDArray truth = batch.getLabels(0).gt(0.5);
            INDArray correct = predicted.eq(truth).castTo(DataType.INT32);
            int[] perExample = correct.sum(1, 2).toIntVector();
            long steps = truth.size(1) * truth.size(2);
            for (int right : perExample) {
                sums++;
                rightSums += right == steps ? 1 : 0;
                bits += steps;
                rightBits += right;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", (double) rightSums / sums);
        metrics.put("bit-accuracy", (double) rightBits / bits);
        return metrics;
    }

    @Override
    public String headline(Map<String, Double> metrics, String split) {
        return String.format(Locale.ROOT, "addition: %s accuracy %.4f (whole sums; bits %.4f)", split,
                metrics.get("accuracy"), metrics.get("bit-accuracy"));
    }

    @Override
    public void writePlots(Model model, TaskData data, RunDirectory run) throws IOException {
        // The learning curve says it all for this task; no extra plot.
    }
}
