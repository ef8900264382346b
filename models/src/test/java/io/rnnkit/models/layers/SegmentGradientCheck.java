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

    /** Central-difference gradient of each segment's summed loss, the carried-in state held fixed (double nets). */
    static List<INDArray> numericalGradients(MultiLayerNetwork net, INDArray x, INDArray y, int segmentLength,
                                             double epsilon) {
        int steps = (int) x.size(2);
        INDArray params = net.params();
        List<INDArray> gradients = new ArrayList<>();
        for (int start = 0; start < steps; start += segmentLength) {
            int end = Math.min(start + segmentLength, steps);
            Map<Integer, Map<String, INDArray>> carried = stateAfter(net, timeSlice(x, 0, start));
            INDArray xs = timeSlice(x, start, end);
            INDArray ys = timeSlice(y, start, end);
            INDArray gradient = params.like();
            for (long i = 0; i < params.length(); i++) {
                double original = params.getDouble(i);
                params.putScalar(i, original + epsilon);
                double plus = segmentLoss(net, carried, xs, ys);
                params.putScalar(i, original - epsilon);
                double minus = segmentLoss(net, carried, xs, ys);
                params.putScalar(i, original);
                gradient.putScalar(i, (plus - minus) / (2 * epsilon));
            }
            gradients.add(gradient);
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

    private static double segmentLoss(MultiLayerNetwork net, Map<Integer, Map<String, INDArray>> carried, INDArray xs,
                                      INDArray ys) {
        net.rnnClearPreviousState();
        carried.forEach((layer, state) -> net.rnnSetPreviousState(layer, copy(state)));
        INDArray probabilities = net.rnnTimeStep(xs);
        return -Transforms.log(probabilities, true).muli(ys).sumNumber().doubleValue();
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
