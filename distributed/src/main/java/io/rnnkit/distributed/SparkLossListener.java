package io.rnnkit.distributed;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Collects the loss of every batch the executors fit into Spark accumulators, so the driver learns the
 * epoch's mean training loss whichever training master ran (gradient sharing reports no score itself).
 */
final class SparkLossListener extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DoubleAccumulator lossSum;
    private final LongAccumulator batches;
    private long lastCount;

    SparkLossListener(JavaSparkContext context) {
        this.lossSum = context.sc().doubleAccumulator("rnnkit training loss");
        this.batches = context.sc().longAccumulator("rnnkit fitted batches");
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        lossSum.add(model.score());
        batches.add(1);
    }

    /** On the driver: the mean loss since the last call (NaN when nothing was fitted), and a fresh start. */
    double takeMean() {
        lastCount = batches.value();
        double mean = lastCount == 0 ? Double.NaN : lossSum.value() / lastCount;
        lossSum.reset();
        batches.reset();
        return mean;
    }

    /** How many batch losses the last {@link #takeMean()} averaged. */
    long lastCount() {
        return lastCount;
    }
}
