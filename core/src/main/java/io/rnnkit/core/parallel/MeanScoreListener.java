package io.rnnkit.core.parallel;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/** Averages the loss of every fitted batch across all replicas that share this listener. */
final class MeanScoreListener extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private double sum;
    private long count;

    @Override
    public synchronized void iterationDone(Model model, int iteration, int epoch) {
        sum += model.score();
        count++;
    }

    /** The mean loss since the last call (NaN when nothing was fitted), and a fresh start. */
    synchronized double takeMean() {
        double mean = count == 0 ? Double.NaN : sum / count;
        sum = 0;
        count = 0;
        return mean;
    }
}
