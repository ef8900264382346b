package io.rnnkit.models.layers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gradient check for truncated BPTT, which {@code GradientCheckUtil} cannot express: the gradient
 * DL4J's TBPTT {@code fit} computes for each segment against a central difference of that segment's
 * loss, the state carried in from the earlier segments held fixed.
 *
 * <p>The network must end in a softmax {@code RnnOutputLayer} with MCXENT loss and must not move its
 * parameters in {@code fit} (use {@code Sgd(0)}), so that every segment sees the same parameters.
 * Gradients are compared as DL4J computes them before the updater: of the loss summed over batch
 * and steps (the score times the batch size).
 */
final class SegmentGradientCheck {

    private SegmentGradientCheck() {
    }

    /** Worst disagreement within one segment's gradient. */
    record SegmentError(int segment, double maxAbsError, double maxAbsGradient, String worstParameter) {

        /** Largest absolute error relative to the largest numerical gradient entry. */
        double relativeError() {
            return maxAbsError / maxAbsGradient;
        }
    }

    /** Runs one TBPTT {@code fit} and returns each segment's gradient, in double. */
    static List<INDArray> analyticGradients(MultiLayerNetwork net, INDArray x, INDArray y) {
        List<INDArray> gradients = new ArrayList<>();
        INDArray before = net.params().dup();
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                gradients.add(model.gradient().gradient().castTo(DataType.DOUBLE).dup());
            }
        });
        try {
            net.fit(x.castTo(net.params().dataType()), y.castTo(net.params().dataType()));
        } finally {
            net.setListeners();
        }
        if (!net.params().equals(before)) {
            throw new IllegalStateException("fit moved the parameters; build the network with Sgd(0)");
        }
        return gradients;
    }

    /**
     * Central-difference gradient of each segment's summed loss, the carried-in state held fixed (double
     * nets). All segments run as one batch, each block of rows starting from its own carried-in state
     * (a shorter last segment is padded at its end with zero inputs and labels, which add no loss).
     */
    static List<INDArray> numericalGradients(MultiLayerNetwork net, INDArray x, INDArray y, int segmentLength,
                                             double epsilon) {
        int batch = (int) x.size(0);
        int steps = (int) x.size(2);
        int segments = (steps + segmentLength - 1) / segmentLength;
        INDArray xs = Nd4j.zeros(x.dataType(), (long) segments * batch, x.size(1), segmentLength);
        INDArray ys = Nd4j.zeros(y.dataType(), (long) segments * batch, y.size(1), segmentLength);
        List<Map<Integer, Map<String, INDArray>>> carried = new ArrayList<>();
        for (int k = 0; k < segments; k++) {
            int start = k * segmentLength;
            int end = Math.min(start + segmentLength, steps);
            INDArrayIndex rows = NDArrayIndex.interval((long) k * batch, (long) (k + 1) * batch);
            INDArrayIndex time = NDArrayIndex.interval(0, end - start);
            xs.get(rows, NDArrayIndex.all(), time).assign(timeSlice(x, start, end));
            ys.get(rows, NDArrayIndex.all(), time).assign(timeSlice(y, start, end));
            carried.add(stateAfter(net, timeSlice(x, 0, start)));
        }
        Map<Integer, Map<String, INDArray>> stacked = stack(carried);

        INDArray params = net.params();
        List<INDArray> gradients = new ArrayList<>();
        for (int k = 0; k < segments; k++) {
            gradients.add(params.like());
        }
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + epsilon);
            double[] plus = segmentLosses(net, stacked, xs, ys, segments);
            params.putScalar(i, original - epsilon);
            double[] minus = segmentLosses(net, stacked, xs, ys, segments);
            params.putScalar(i, original);
            for (int k = 0; k < segments; k++) {
                gradients.get(k).putScalar(i, (plus[k] - minus[k]) / (2 * epsilon));
            }
        }
        net.rnnClearPreviousState();
        return gradients;
    }

    /** Per-segment worst error of {@code analytic} against {@code numerical}, naming the parameter it falls in. */
    static List<SegmentError> compare(MultiLayerNetwork net, List<INDArray> analytic, List<INDArray> numerical) {
        if (analytic.size() != numerical.size()) {
            throw new IllegalArgumentException("fit ran " + analytic.size() + " segments, expected " + numerical.size());
        }
        List<SegmentError> errors = new ArrayList<>();
        for (int k = 0; k < analytic.size(); k++) {
            INDArray diff = Transforms.abs(analytic.get(k).sub(numerical.get(k)));
            long worst = diff.argMax().getLong(0);
            errors.add(new SegmentError(k, diff.getDouble(worst), numerical.get(k).amaxNumber().doubleValue(),
                    parameterAt(net, worst)));
        }
        return errors;
    }

    /** The hidden state of every recurrent layer after running {@code prefix} from zero state (none if empty). */
    private static Map<Integer, Map<String, INDArray>> stateAfter(MultiLayerNetwork net, INDArray prefix) {
        net.rnnClearPreviousState();
        Map<Integer, Map<String, INDArray>> states = new HashMap<>();
        if (prefix == null) {
            return states;
        }
        net.rnnTimeStep(prefix);
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i) instanceof RecurrentLayer) {
                states.put(i, copy(net.rnnGetPreviousState(i)));
            }
        }
        net.rnnClearPreviousState();
        return states;
    }

    /** Each segment's loss, summed over its rows and steps. */
    private static double[] segmentLosses(MultiLayerNetwork net, Map<Integer, Map<String, INDArray>> state,
                                          INDArray xs, INDArray ys, int segments) {
        net.rnnClearPreviousState();
        state.forEach((layer, layerState) -> net.rnnSetPreviousState(layer, copy(layerState)));
        INDArray rowLosses = Transforms.log(net.rnnTimeStep(xs), true).muli(ys).sum(1, 2).negi();
        int batch = (int) (xs.size(0) / segments);
        double[] losses = new double[segments];
        for (int k = 0; k < segments; k++) {
            losses[k] = rowLosses.get(NDArrayIndex.interval((long) k * batch, (long) (k + 1) * batch))
                    .sumNumber().doubleValue();
        }
        return losses;
    }

    /** The segments' carried-in states stacked along the batch; zeros where none is carried (segment 0). */
    private static Map<Integer, Map<String, INDArray>> stack(List<Map<Integer, Map<String, INDArray>>> carried) {
        Map<Integer, Map<String, INDArray>> shapes = carried.get(carried.size() - 1);
        Map<Integer, Map<String, INDArray>> stacked = new HashMap<>();
        shapes.forEach((layer, layerShapes) -> {
            Map<String, INDArray> layerState = new HashMap<>();
            layerShapes.forEach((key, shape) -> layerState.put(key, Nd4j.concat(0, carried.stream()
                    .map(c -> c.containsKey(layer) ? c.get(layer).get(key) : shape.like())
                    .toArray(INDArray[]::new))));
            stacked.put(layer, layerState);
        });
        return stacked;
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> copy = new HashMap<>();
        state.forEach((key, value) -> copy.put(key, value.dup()));
        return copy;
    }

    private static INDArray timeSlice(INDArray a, int start, int end) {
        return end <= start ? null
                : a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(start, end)).dup();
    }

    private static String parameterAt(MultiLayerNetwork net, long index) {
        long offset = 0;
        Map<String, INDArray> table = new LinkedHashMap<>(net.paramTable());
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            offset += e.getValue().length();
            if (index < offset) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("parameter index " + index + " out of range " + offset);
    }
}
