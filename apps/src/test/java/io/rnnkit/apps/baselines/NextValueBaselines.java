package io.rnnkit.apps.baselines;

import io.rnnkit.core.metrics.RegressionMetrics;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Guesses of the next value of a series from a window of its previous values, with no learning:
 * copying the last value, and extending the line through the last two. Windows are features
 * [N, 1, W] (W ≥ 2) with many-to-one labels [N, 1].
 */
public final class NextValueBaselines {

    private NextValueBaselines() {
    }

    /** Error of predicting x[W−1]. */
    public static RegressionMetrics copyLast(MultiDataSetIterator windows) {
        return guess(windows, false);
    }

    /** Error of predicting 2·x[W−1] − x[W−2]. */
    public static RegressionMetrics linearExtrapolation(MultiDataSetIterator windows) {
        return guess(windows, true);
    }

    private static RegressionMetrics guess(MultiDataSetIterator windows, boolean linear) {
        List<Double> truth = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        windows.reset();
        while (windows.hasNext()) {
            MultiDataSet batch = windows.next();
            INDArray features = batch.getFeatures(0);
            if (features.rank() != 3 || features.size(1) != 1 || features.size(2) < 2) {
                throw new IllegalArgumentException("windows: expected features [N, 1, W] with W >= 2, got shape "
                        + java.util.Arrays.toString(features.shape()));
            }
            double[][] x = features.reshape(features.size(0), features.size(2)).castTo(DataType.DOUBLE).toDoubleMatrix();
            double[] y = batch.getLabels(0).castTo(DataType.DOUBLE).reshape(features.size(0)).toDoubleVector();
            for (int i = 0; i < x.length; i++) {
                double last = x[i][x[i].length - 1];
                predicted.add(linear ? 2 * last - x[i][x[i].length - 2] : last);
                truth.add(y[i]);
            }
        }
        return RegressionMetrics.of(truth.stream().mapToDouble(Double::doubleValue).toArray(),
                predicted.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
