package io.rnnkit.keras;

import io.rnnkit.models.layers.FusedRecurrentLayer;
import io.rnnkit.models.layers.FusedRecurrentParamInitializer;
import io.rnnkit.models.layers.GateActivation;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras {@code LSTM}, {@code GRU} and {@code SimpleRNN} as rnnkit's {@link Lstm}, {@link Gru} and
 * {@link SimpleRnn}, and their weights in rnnkit's layout.
 *
 * <p>Keras stores {@code kernel} [nIn, G·H], {@code recurrent_kernel} [H, G·H] and {@code bias} with gate
 * blocks i, f, c, o (LSTM) or z, r, h (GRU); rnnkit's blocks are c, f, o, i and r, z, n. A GRU with
 * {@code reset_after=True} has a bias [2, 3H] of input and recurrent rows: the r and z rows are summed into
 * rnnkit's {@code b}, and the candidate's recurrent row becomes {@code RB}; with {@code reset_after=False}
 * (Keras 1, TensorFlow.js, Keras 2 before 2.3) the GRU is {@code Gru.Builder().resetAfter(false)} and
 * {@code RB} is zero. Keras 1 stores one array per gate
 * ({@code W_i}, {@code U_i}, {@code b_i}, ...), which are joined first.
 */
final class RecurrentMapping {

    static final Set<String> CLASSES = Set.of("LSTM", "GRU", "SimpleRNN");

    private static final int[] LSTM_BLOCKS = {2, 1, 3, 0};
    private static final int[] GRU_BLOCKS = {1, 0, 2};
    private static final int[] SIMPLE_BLOCKS = {0};
    private static final List<String> LSTM_GATES = List.of("i", "f", "c", "o");
    private static final List<String> GRU_GATES = List.of("z", "r", "h");

    private RecurrentMapping() {
    }

    /** The rnnkit layer for a Keras recurrent layer reading {@code nIn} features; refuses what it cannot honour. */
    static FusedRecurrentLayer layer(KerasLayerConfig l, long nIn) {
        l.refuseTrue(Set.of("return_state", "time_major"));
        int units = l.size("units", "output_dim");
        FusedRecurrentLayer.Builder<?> builder = switch (l.className()) {
            case "LSTM" -> new Lstm.Builder().forgetGateBiasInit(0.0);
            case "GRU" -> new Gru.Builder().resetAfter(resetAfter(l));
            default -> new SimpleRnn.Builder();
        };
        builder.nIn(nIn).nOut(units);
        String activation = l.text("tanh", "activation");
        boolean relu = activation.equals("relu") && l.className().equals("SimpleRNN");
        if (!activation.equals("tanh") && !relu) {
            throw l.refuse("option activation=" + activation + " is not supported (rnnkit's "
                    + (l.className().equals("SimpleRNN") ? "SimpleRnn takes tanh or relu" : l.className() + " takes tanh")
                    + ")");
        }
        builder.activation(relu ? Activation.RELU : Activation.TANH);
        if (!l.className().equals("SimpleRNN")) {
            builder.gateActivation(gate(l));
        }
        double dropout = l.number(0.0, "dropout", "dropout_W");
        double recurrentDropout = l.number(0.0, "recurrent_dropout", "dropout_U");
        if (dropout > 0) {
            builder.dropOut(1.0 - dropout);
        }
        if (recurrentDropout > 0) {
            builder.recurrentDropOut(1.0 - recurrentDropout);
        }
        builder.stateful(l.flag("stateful", false));
        return (FusedRecurrentLayer) builder.build();
    }

    private static boolean resetAfter(KerasLayerConfig l) {
        return l.flag("reset_after", false);
    }

    private static GateActivation gate(KerasLayerConfig l) {
        String gate = l.text("sigmoid", "recurrent_activation", "inner_activation");
        return switch (gate) {
            case "sigmoid" -> GateActivation.SIGMOID;
            case "hard_sigmoid" -> GateActivation.HARD_SIGMOID;
            default -> throw l.refuse("option recurrent_activation=" + gate
                    + " is not supported (sigmoid or hard_sigmoid)");
        };
    }

    /** rnnkit's parameters (W, RW, b and the GRU's RB) from the layer's Keras weights, shapes checked. */
    static Map<String, INDArray> params(KerasLayerConfig l, List<KerasWeight> weights, long nIn) {
        int h = l.size("units", "output_dim");
        int gates = switch (l.className()) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
        Map<String, KerasWeight> byRole = new LinkedHashMap<>();
        for (KerasWeight w : weights) {
            byRole.put(w.role(l.name()), w);
        }
        INDArray kernel;
        INDArray recurrent;
        INDArray bias;
        if (byRole.containsKey("kernel")) {
            kernel = Weights.require(l, byRole, "kernel", nIn, (long) gates * h);
            recurrent = Weights.require(l, byRole, "recurrent_kernel", h, (long) gates * h);
            long[] biasShape = resetAfter(l) ? new long[] {2, 3L * h} : new long[] {(long) gates * h};
            bias = byRole.containsKey("bias") ? Weights.require(l, byRole, "bias", biasShape)
                    : Nd4j.zeros(biasShape);
        } else if (byRole.containsKey("W_" + gateNames(l).get(0))) {
            List<String> names = gateNames(l);
            kernel = join(l, byRole, "W_", names, nIn, h);
            recurrent = join(l, byRole, "U_", names, h, h);
            bias = join(l, byRole, "b_", names, -1, h);
        } else if (byRole.containsKey("W")) {
            kernel = Weights.require(l, byRole, "W", nIn, (long) gates * h);
            recurrent = Weights.require(l, byRole, "U", h, (long) gates * h);
            bias = Weights.require(l, byRole, "b", (long) gates * h);
        } else {
            throw l.refuse("has weights " + byRole.keySet() + ", expected kernel, recurrent_kernel and bias");
        }
        int[] blocks = switch (l.className()) {
            case "LSTM" -> LSTM_BLOCKS;
            case "GRU" -> GRU_BLOCKS;
            default -> SIMPLE_BLOCKS;
        };
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY, reorder(kernel, blocks, h));
        out.put(FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY, reorder(recurrent, blocks, h));
        INDArray biasRows = bias.reshape(bias.length() / ((long) gates * h), (long) gates * h);
        INDArray b = reorder(biasRows.getRow(0, true), blocks, h);
        INDArray recurrentBias = Nd4j.zeros(1, h);
        if (biasRows.rows() == 2) {
            INDArray second = reorder(biasRows.getRow(1, true), blocks, h);
            b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2L * h))
                    .addi(second.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2L * h)));
            recurrentBias = second.get(NDArrayIndex.all(), NDArrayIndex.interval(2L * h, 3L * h)).dup();
        }
        out.put(FusedRecurrentParamInitializer.BIAS_KEY, b);
        if (l.className().equals("GRU")) {
            out.put(FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY, recurrentBias);
        }
        return out;
    }

    private static List<String> gateNames(KerasLayerConfig l) {
        return l.className().equals("LSTM") ? LSTM_GATES : GRU_GATES;
    }

    /** Keras 1's per-gate arrays side by side, in Keras 2's gate order. */
    private static INDArray join(KerasLayerConfig l, Map<String, KerasWeight> byRole, String prefix,
            List<String> gates, long rows, long h) {
        List<INDArray> parts = new ArrayList<>();
        for (String gate : gates) {
            INDArray part = rows < 0 ? Weights.require(l, byRole, prefix + gate, h)
                    : Weights.require(l, byRole, prefix + gate, rows, h);
            parts.add(part.reshape(rows < 0 ? 1 : rows, h));
        }
        return Nd4j.hstack(parts.toArray(INDArray[]::new));
    }

    /** Column blocks of width h rearranged so that output block k is input block {@code blocks[k]}. */
    private static INDArray reorder(INDArray matrix, int[] blocks, long h) {
        INDArray[] parts = Arrays.stream(blocks)
                .mapToObj(k -> matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(k * h, (k + 1) * h)))
                .toArray(INDArray[]::new);
        return Nd4j.hstack(parts).dup('c');
    }
}
