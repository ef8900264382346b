package io.rnnkit.apps.baselines;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * One-nearest-neighbour classification of whole sequences by Euclidean distance over all their
 * values, with no learning; a tie goes to the earlier training example. Labels are one-hot
 * [N, C], or [N, C, T] with the class at the steps the label mask marks.
 */
public final class NearestNeighbour {

    private final List<double[]> examples = new ArrayList<>();
    private final List<Integer> classes = new ArrayList<>();

    /** Remembers every training example. */
    public NearestNeighbour(MultiDataSetIterator training) {
        read(training, examples, classes);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("training: no examples");
        }
    }

    /** The class of the nearest training example. */
    public int classify(double[] example) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < examples.size(); i++) {
            double distance = squaredDistance(examples.get(i), example);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return classes.get(best);
    }

    /** The fraction of held-out examples classified right. */
    public double accuracy(MultiDataSetIterator heldOut) {
        List<double[]> tests = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        read(heldOut, tests, truth);
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("held-out: no examples");
        }
        int right = 0;
        for (int i = 0; i < tests.size(); i++) {
            right += classify(tests.get(i)) == truth.get(i) ? 1 : 0;
        }
        return (double) right / tests.size();
    }

    private static double squaredDistance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("example: " + b.length + " values, but training examples have " + a.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static void read(MultiDataSetIterator data, List<double[]> examples, List<Integer> classes) {
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            INDArray features = batch.getFeatures(0).castTo(DataType.DOUBLE);
            int[] labels = classesOf(batch.getLabels(0), batch.getLabelsMaskArray(0));
            for (int i = 0; i < labels.length; i++) {
                examples.add(features.slice(i).dup('c').data().asDouble());
                classes.add(labels[i]);
            }
        }
    }

    private static int[] classesOf(INDArray labels, INDArray mask) {
        if (labels.rank() == 2) {
            return labels.argMax(1).castTo(DataType.INT32).toIntVector();
        }
        int examples = (int) labels.size(0);
        int classCount = (int) labels.size(1);
        int steps = (int) labels.size(2);
        double[] values = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] weights = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] result = new int[examples];
        for (int i = 0; i < examples; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classCount; c++) {
                double score = 0;
                for (int t = 0; t < steps; t++) {
                    score += values[(i * classCount + c) * steps + t] * (weights == null ? 1 : weights[i * steps + t]);
                }
                if (score > best) {
                    best = score;
                    result[i] = c;
                }
            }
        }
        return result;
    }
}
