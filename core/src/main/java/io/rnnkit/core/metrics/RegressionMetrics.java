package io.rnnkit.core.metrics;

import io.rnnkit.core.train.Networks;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Mean absolute and mean squared error over every unmasked target value, with the pairs kept for plots. */
public record RegressionMetrics(double mae, double mse, double[] truth, double[] predicted) {

    /** Evaluates the model's first output against the labels of every batch. */
    public static RegressionMetrics evaluate(Model model, MultiDataSetIterator data) {
        List<double[]> truthChunks = new ArrayList<>();
        List<double[]> predictedChunks = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            INDArray predicted = Networks.output(model, batch)[0];
            if (!java.util.Arrays.equals(predicted.shape(), batch.getLabels(0).shape())) {
                throw new IllegalArgumentException("predictions: shape " + java.util.Arrays.toString(predicted.shape())
                        + " does not match the labels' " + java.util.Arrays.toString(batch.getLabels(0).shape()));
            }
            collect(batch.getLabels(0), predicted, batch.getLabelsMaskArray(0), truthChunks, predictedChunks);
            Networks.releaseOutputs(new INDArray[] {predicted}, batch);
        }
        double[] truth = concat(truthChunks);
        double[] predicted = concat(predictedChunks);
        if (truth.length == 0) {
            throw new IllegalArgumentException("no evaluation data: the iterator produced no unmasked values");
        }
        return of(truth, predicted);
    }

    /** Metrics of given pairs; they must be equally many, and at least one. */
    public static RegressionMetrics of(double[] truth, double[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("predictions: " + predicted.length + " values for " + truth.length + " targets");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no evaluation data: no values to compare");
        }
        double absolute = 0;
        double squared = 0;
        for (int i = 0; i < truth.length; i++) {
            double error = predicted[i] - truth[i];
            absolute += Math.abs(error);
            squared += error * error;
        }
        return new RegressionMetrics(absolute / truth.length, squared / truth.length, truth, predicted);
    }

    private static void collect(INDArray labels, INDArray predicted, INDArray mask,
                                List<double[]> truth, List<double[]> predictions) {
        double[] y = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] p = predicted.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (mask == null) {
            truth.add(y);
            predictions.add(p);
            return;
        }
        // Labels [batch, outputs, time] with mask [batch, time]: keep the unmasked steps.
        long batch = labels.size(0);
        long outputs = labels.size(1);
        long steps = labels.size(2);
        double[] m = mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        List<Double> keptTruth = new ArrayList<>();
        List<Double> keptPredicted = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                if (m[(int) (b * steps + t)] == 0) {
                    continue;
                }
                for (int o = 0; o < outputs; o++) {
                    int index = (int) ((b * outputs + o) * steps + t);
                    keptTruth.add(y[index]);
                    keptPredicted.add(p[index]);
                }
            }
        }
        truth.add(keptTruth.stream().mapToDouble(Double::doubleValue).toArray());
        predictions.add(keptPredicted.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[] concat(List<double[]> chunks) {
        int length = chunks.stream().mapToInt(chunk -> chunk.length).sum();
        double[] all = new double[length];
        int offset = 0;
        for (double[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, offset, chunk.length);
            offset += chunk.length;
        }
        return all;
    }
}
