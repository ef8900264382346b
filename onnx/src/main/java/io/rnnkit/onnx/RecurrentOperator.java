package io.rnnkit.onnx;

import io.rnnkit.models.layers.FusedRecurrentLayer;
import io.rnnkit.models.layers.FusedRecurrentLayerImpl;
import io.rnnkit.models.layers.FusedRecurrentParamInitializer;
import io.rnnkit.models.layers.GateActivation;
import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An ONNX {@code LSTM}, {@code GRU} or {@code RNN} node run on rnnkit's fused layers: one single-layer network of
 * {@link Lstm}, {@link Gru} or {@link SimpleRnn} per direction, with ONNX's gate blocks reordered and transposed
 * into rnnkit's parameter layout ({@code linear_before_reset=0}, ONNX's default, is {@code Gru.resetAfter(false)}). {@code sequence_lens} becomes a feature mask; the reverse direction runs
 * forward on each sequence reversed within its own length.
 */
final class RecurrentOperator {

    /** The three recurrent operators: gate count and rnnkit's order of ONNX's gate blocks. */
    enum Kind {
        LSTM(4, new int[] {3, 2, 1, 0}, 3),
        GRU(3, new int[] {1, 0, 2}, 2),
        RNN(1, new int[] {0}, 1);

        final int gates;
        final int[] rnnkitOrder;
        final int activationsPerDirection;

        Kind(int gates, int[] rnnkitOrder, int activationsPerDirection) {
            this.gates = gates;
            this.rnnkitOrder = rnnkitOrder;
            this.activationsPerDirection = activationsPerDirection;
        }
    }

    private final OnnxNode node;
    private final Kind kind;
    private final int hidden;
    private final int layout;
    private final String direction;
    private final int directions;
    private final List<FusedRecurrentLayer> layers = new ArrayList<>();
    private final MultiLayerNetwork[] networks;
    private long builtForInputs = -1;

    RecurrentOperator(OnnxNode node) {
        this.node = node;
        this.kind = Kind.valueOf(node.op());
        this.hidden = Math.toIntExact(node.intAttr("hidden_size", 0));
        if (hidden <= 0) {
            throw node.error("attribute hidden_size must be > 0, got " + hidden);
        }
        this.layout = Math.toIntExact(node.intAttr("layout", 0));
        if (layout != 0 && layout != 1) {
            throw node.error("attribute layout must be 0 or 1, got " + layout);
        }
        this.direction = node.stringAttr("direction", "forward");
        if (!List.of("forward", "reverse", "bidirectional").contains(direction)) {
            throw node.error("attribute direction must be forward, reverse or bidirectional, got '" + direction + "'");
        }
        this.directions = direction.equals("bidirectional") ? 2 : 1;
        if (node.attribute("clip") != null) {
            throw node.error("attribute clip is not supported (rnnkit's cells do not clip)");
        }
        if (kind == Kind.LSTM && node.intAttr("input_forget", 0) != 0) {
            throw node.error("attribute input_forget=1 is not supported (rnnkit's LSTM has separate input and forget gates)");
        }
        if (kind == Kind.LSTM && !node.input(7).isEmpty()) {
            throw node.error("input P (peepholes) is not supported: rnnkit's LSTM has no peephole connections");
        }
        List<String> activations = node.stringsAttr("activations");
        if (!activations.isEmpty() && activations.size() != directions * kind.activationsPerDirection) {
            throw node.error("attribute activations needs " + directions * kind.activationsPerDirection
                    + " entries for direction " + direction + ", got " + activations.size());
        }
        for (int d = 0; d < directions; d++) {
            layers.add(layerFor(activations, d));
        }
        this.networks = new MultiLayerNetwork[directions];
    }

    Kind kind() {
        return kind;
    }

    int hidden() {
        return hidden;
    }

    String direction() {
        return direction;
    }

    OnnxNode node() {
        return node;
    }

    /** The rnnkit layer configurations, one per direction (forward first), for networks built from this node. */
    List<FusedRecurrentLayer> layers() {
        return layers;
    }

    private FusedRecurrentLayer layerFor(List<String> activations, int d) {
        int base = d * kind.activationsPerDirection;
        String first = activations.isEmpty() ? null : activations.get(base);
        if (kind == Kind.RNN) {
            String act = first == null ? "Tanh" : first;
            if (!act.equals("Tanh") && !act.equals("Relu")) {
                throw node.error("activation " + act + " is not supported: rnnkit's SimpleRnn has Tanh and Relu");
            }
            return new SimpleRnn.Builder().nIn(1).nOut(hidden)
                    .activation(act.equals("Relu") ? Activation.RELU : Activation.TANH).build();
        }
        GateActivation gate = gateActivation(first == null ? "Sigmoid" : first, base);
        for (int i = 1; i < kind.activationsPerDirection; i++) {
            String act = activations.isEmpty() ? "Tanh" : activations.get(base + i);
            if (!act.equals("Tanh")) {
                throw node.error("activation " + act + " at position " + (base + i)
                        + " is not supported: rnnkit's " + kind + " uses Tanh there");
            }
        }
        return kind == Kind.LSTM ? new Lstm.Builder().nIn(1).nOut(hidden).gateActivation(gate).build()
                : new Gru.Builder().nIn(1).nOut(hidden).gateActivation(gate)
                        .resetAfter(node.intAttr("linear_before_reset", 0) != 0).build();
    }

    private GateActivation gateActivation(String name, int position) {
        if (name.equals("Sigmoid")) {
            return GateActivation.SIGMOID;
        }
        if (name.equals("HardSigmoid")) {
            List<Float> alpha = node.floatsAttr("activation_alpha");
            List<Float> beta = node.floatsAttr("activation_beta");
            boolean defaults = (alpha.size() <= position || Math.abs(alpha.get(position) - 0.2f) < 1e-7)
                    && (beta.size() <= position || Math.abs(beta.get(position) - 0.5f) < 1e-7);
            if (!defaults) {
                throw node.error("HardSigmoid with alpha/beta other than 0.2/0.5 is not supported");
            }
            return GateActivation.HARD_SIGMOID;
        }
        throw node.error("gate activation " + name + " is not supported: rnnkit's gates are Sigmoid or HardSigmoid");
    }

    /**
     * Runs the node. Arguments as ONNX orders them (null where left out); returns {Y, Y_h, Y_c}, Y_c null for
     * GRU and RNN.
     */
    INDArray[] run(INDArray x, INDArray w, INDArray r, INDArray b, INDArray sequenceLens, INDArray initialH,
                   INDArray initialC, boolean wantCellState) {
        if (x.rank() != 3) {
            throw node.error("input X must be rank 3, got shape " + java.util.Arrays.toString(x.shape()));
        }
        INDArray ncw = (layout == 0 ? x.permute(1, 2, 0) : x.permute(0, 2, 1)).castTo(DataType.FLOAT).dup('c');
        int batch = (int) ncw.size(0);
        int nIn = (int) ncw.size(1);
        int steps = (int) ncw.size(2);
        checkWeights(w, r, b, nIn);
        ensureNetworks(nIn);
        long[] lens = lengths(sequenceLens, batch, steps);
        INDArray mask = mask(lens, steps);
        INDArray[] ys = new INDArray[directions];
        INDArray[] hs = new INDArray[directions];
        INDArray[] cs = new INDArray[directions];
        for (int d = 0; d < directions; d++) {
            setParameters(networks[d], w.get(NDArrayIndex.point(d)), r.get(NDArrayIndex.point(d)),
                    b == null ? null : b.get(NDArrayIndex.point(d)));
            boolean reverse = direction.equals("reverse") || d == 1;
            INDArray h0 = stateFor(initialH, d, batch);
            INDArray c0 = stateFor(initialC, d, batch);
            INDArray input = reverse ? reverseWithin(ncw, lens) : ncw;
            RecurrentLayer layer = (RecurrentLayer) networks[d].getLayer(0);
            INDArray out = runLayer(layer, input, mask, h0, c0);
            INDArray last = Nd4j.create(DataType.FLOAT, batch, hidden);
            for (int i = 0; i < batch; i++) {
                last.putRow(i, out.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(lens[i] - 1)));
            }
            hs[d] = last;
            if (wantCellState) {
                cs[d] = mask == null ? layer.rnnGetPreviousState().get(FusedRecurrentLayerImpl.STATE_C)
                        : cellStatePerRow(layer, input, lens, h0, c0);
            }
            ys[d] = reverse ? reverseWithin(out, lens) : out;
        }
        return assemble(ys, hs, wantCellState ? cs : null);
    }

    private INDArray runLayer(RecurrentLayer layer, INDArray input, INDArray mask, INDArray h0, INDArray c0) {
        layer.rnnClearPreviousState();
        Map<String, INDArray> state = new HashMap<>();
        if (h0 != null) {
            state.put(FusedRecurrentLayerImpl.STATE_H, h0);
        }
        if (c0 != null) {
            state.put(FusedRecurrentLayerImpl.STATE_C, c0);
        }
        if (!state.isEmpty()) {
            layer.rnnSetPreviousState(state);
        }
        layer.setMaskArray(mask);
        INDArray out = layer.rnnTimeStep(input, LayerWorkspaceMgr.noWorkspaces()).dup('c');
        layer.setMaskArray(null);
        return out;
    }

    /** LSTM cell state at each row's last step: rows run one at a time, cut to their own length, unmasked. */
    private INDArray cellStatePerRow(RecurrentLayer layer, INDArray input, long[] lens, INDArray h0, INDArray c0) {
        INDArray cells = Nd4j.create(DataType.FLOAT, lens.length, hidden);
        for (int i = 0; i < lens.length; i++) {
            INDArray row = input.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                    NDArrayIndex.interval(0, lens[i])).dup('c');
            runLayer(layer, row, null, h0 == null ? null : h0.getRows(i), c0 == null ? null : c0.getRows(i));
            cells.putRow(i, layer.rnnGetPreviousState().get(FusedRecurrentLayerImpl.STATE_C));
        }
        return cells;
    }

    private INDArray[] assemble(INDArray[] ys, INDArray[] hs, INDArray[] cs) {
        INDArray[] yParts = new INDArray[directions];
        for (int d = 0; d < directions; d++) {
            // [B, H, T] -> layout 0 [T, B, H] or layout 1 [B, T, H]
            yParts[d] = layout == 0 ? ys[d].permute(2, 0, 1) : ys[d].permute(0, 2, 1);
        }
        int stateAxis = layout == 0 ? 0 : 1;
        INDArray y = Nd4j.stack(layout == 0 ? 1 : 2, yParts);
        INDArray yh = Nd4j.stack(stateAxis, hs);
        INDArray yc = cs == null ? null : Nd4j.stack(stateAxis, cs);
        return new INDArray[] {y, yh, yc};
    }

    private INDArray stateFor(INDArray state, int d, int batch) {
        if (state == null) {
            return null;
        }
        long[] expected = layout == 0 ? new long[] {directions, batch, hidden} : new long[] {batch, directions, hidden};
        if (!java.util.Arrays.equals(state.shape(), expected)) {
            throw node.error("initial state has shape " + java.util.Arrays.toString(state.shape()) + ", expected "
                    + java.util.Arrays.toString(expected));
        }
        INDArray s = layout == 0 ? state.get(NDArrayIndex.point(d)) : state.get(NDArrayIndex.all(), NDArrayIndex.point(d));
        return s.castTo(DataType.FLOAT).dup('c');
    }

    private long[] lengths(INDArray sequenceLens, int batch, int steps) {
        long[] lens = new long[batch];
        if (sequenceLens == null) {
            java.util.Arrays.fill(lens, steps);
            return lens;
        }
        if (sequenceLens.length() != batch) {
            throw node.error("input sequence_lens has " + sequenceLens.length() + " entries for a batch of " + batch);
        }
        for (int i = 0; i < batch; i++) {
            lens[i] = sequenceLens.getLong(i);
            if (lens[i] < 1 || lens[i] > steps) {
                throw node.error("sequence_lens[" + i + "] = " + lens[i] + " is outside 1.." + steps);
            }
        }
        return lens;
    }

    /** A [batch, steps] mask of ones before each row's length, or null where every row is full length. */
    private static INDArray mask(long[] lens, int steps) {
        boolean full = java.util.Arrays.stream(lens).allMatch(l -> l == steps);
        if (full) {
            return null;
        }
        INDArray mask = Nd4j.zeros(DataType.FLOAT, lens.length, steps);
        for (int i = 0; i < lens.length; i++) {
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, lens[i])).assign(1);
        }
        return mask;
    }

    /** [B, F, T] with each row's first len steps reversed, the padding after them left in place. */
    private static INDArray reverseWithin(INDArray ncw, long[] lens) {
        INDArray out = ncw.dup('c');
        for (int i = 0; i < lens.length; i++) {
            for (int t = 0; t < lens[i]; t++) {
                out.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(t))
                        .assign(ncw.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(lens[i] - 1 - t)));
            }
        }
        return out;
    }

    /** Checks W, R and B (B may be null) against hidden_size, direction and the input size {@code nIn}. */
    void checkWeights(INDArray w, INDArray r, INDArray b, long nIn) {
        checkShape("W", w, directions, (long) kind.gates * hidden, nIn);
        checkShape("R", r, directions, (long) kind.gates * hidden, hidden);
        if (b != null) {
            checkShape("B", b, directions, 2L * kind.gates * hidden);
        }
    }

    private void checkShape(String input, INDArray array, long... expected) {
        if (array == null) {
            throw node.error("input " + input + " is missing");
        }
        if (!java.util.Arrays.equals(array.shape(), expected)) {
            throw node.error("input " + input + " has shape " + java.util.Arrays.toString(array.shape())
                    + ", expected " + java.util.Arrays.toString(expected) + " (num_directions, "
                    + (input.equals("B") ? "2·gates·hidden_size" : "gates·hidden_size, ...") + ")");
        }
    }

    private void ensureNetworks(int nIn) {
        if (builtForInputs == nIn) {
            return;
        }
        for (int d = 0; d < directions; d++) {
            FusedRecurrentLayer layer = (FusedRecurrentLayer) layers.get(d).clone();
            layer.setNIn(nIn);
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .dataType(DataType.FLOAT).list().layer(layer).build());
            net.init();
            networks[d] = net;
        }
        builtForInputs = nIn;
    }

    /** Copies one direction's ONNX W [G·H, nIn], R [G·H, H] and B [2·G·H] into rnnkit's W, RW, b (and RB). */
    private void setParameters(MultiLayerNetwork net, INDArray w, INDArray r, INDArray b) {
        RnnkitParameters p = toRnnkit(kind, hidden, w, r, b);
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        layer.getParam(FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY).assign(p.w());
        layer.getParam(FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY).assign(p.rw());
        layer.getParam(FusedRecurrentParamInitializer.BIAS_KEY).assign(p.b());
        if (p.rb() != null) {
            layer.getParam(FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY).assign(p.rb());
        }
    }

    /** rnnkit's parameters of one direction: W [nIn, G·H], RW [H, G·H], b [1, G·H], RB [1, H] (GRU) or null. */
    record RnnkitParameters(INDArray w, INDArray rw, INDArray b, INDArray rb) {
    }

    static RnnkitParameters toRnnkit(Kind kind, int hidden, INDArray w, INDArray r, INDArray b) {
        INDArray rw = reorder(kind, hidden, r.castTo(DataType.FLOAT)).transpose();
        INDArray iw = reorder(kind, hidden, w.castTo(DataType.FLOAT)).transpose();
        int gh = kind.gates * hidden;
        if (b == null) {
            b = Nd4j.zeros(DataType.FLOAT, 2L * gh);
        }
        INDArray wb = b.get(NDArrayIndex.interval(0, gh)).castTo(DataType.FLOAT).reshape(gh, 1);
        INDArray rb = b.get(NDArrayIndex.interval(gh, 2L * gh)).castTo(DataType.FLOAT).reshape(gh, 1);
        INDArray recurrentBias = null;
        INDArray bias;
        if (kind == Kind.GRU) {
            // b: r and z blocks take both biases; the candidate takes Wb_h, and Rb_h goes to RB.
            INDArray sum = wb.add(rb);
            sum.get(NDArrayIndex.interval(2L * hidden, 3L * hidden)).assign(wb.get(NDArrayIndex.interval(2L * hidden, 3L * hidden)));
            bias = reorder(kind, hidden, sum);
            recurrentBias = rb.get(NDArrayIndex.interval(2L * hidden, 3L * hidden)).reshape(1, hidden);
        } else {
            bias = reorder(kind, hidden, wb.add(rb));
        }
        return new RnnkitParameters(iw, rw, bias.reshape(1, gh), recurrentBias);
    }

    /**
     * The inverse of {@link #toRnnkit}: rnnkit's W [nIn, G·H], RW [H, G·H], b [1, G·H] and RB [1, H] (GRU, else null)
     * as ONNX's W [G·H, nIn], R [G·H, H] and B [2·G·H] of one direction.
     */
    static INDArray[] toOnnx(Kind kind, int hidden, INDArray w, INDArray rw, INDArray b, INDArray rb) {
        int gh = kind.gates * hidden;
        INDArray onnxW = fromRnnkitOrder(kind, hidden, w.castTo(DataType.FLOAT).transpose());
        INDArray onnxR = fromRnnkitOrder(kind, hidden, rw.castTo(DataType.FLOAT).transpose());
        INDArray bias = Nd4j.zeros(DataType.FLOAT, 2L * gh);
        bias.get(NDArrayIndex.interval(0, gh)).assign(fromRnnkitOrder(kind, hidden,
                b.castTo(DataType.FLOAT).reshape(gh, 1)).reshape(gh));
        if (rb != null) {
            // ONNX's candidate block (index 2) of the recurrent bias Rb.
            bias.get(NDArrayIndex.interval(gh + 2L * hidden, gh + 3L * hidden)).assign(rb.castTo(DataType.FLOAT).reshape(hidden));
        }
        return new INDArray[] {onnxW.dup('c'), onnxR.dup('c'), bias};
    }

    /** [G·H, k] in rnnkit's gate order to [G·H, k] in ONNX's. */
    private static INDArray fromRnnkitOrder(Kind kind, int hidden, INDArray view) {
        INDArray m = view.dup('c');
        INDArray[] blocks = new INDArray[kind.gates];
        for (int p = 0; p < kind.gates; p++) {
            blocks[kind.rnnkitOrder[p]] = m.get(NDArrayIndex.interval((long) p * hidden, (long) (p + 1) * hidden),
                    NDArrayIndex.all());
        }
        return Nd4j.concat(0, blocks);
    }

    /** [G·H, k] in ONNX's gate order to [G·H, k] in rnnkit's. */
    private static INDArray reorder(Kind kind, int hidden, INDArray m) {
        INDArray[] blocks = new INDArray[kind.gates];
        for (int g = 0; g < kind.gates; g++) {
            int from = kind.rnnkitOrder[g];
            blocks[g] = m.get(NDArrayIndex.interval((long) from * hidden, (long) (from + 1) * hidden), NDArrayIndex.all());
        }
        return Nd4j.concat(0, blocks);
    }
}
