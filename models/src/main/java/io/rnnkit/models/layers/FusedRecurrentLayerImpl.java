package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.BIAS_KEY;
import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY;
import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY;
import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.kernels.KernelThreads;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one DL4J layer behind {@link SimpleRnn}, {@link Lstm} and {@link Gru}: it owns the time loop
 * and delegates each step's math to a {@link RecurrentCell}.
 *
 * <p>Forward: one GEMM projects the whole input sequence ([T·B, nIn]×[nIn, G·H]); each step then
 * runs one [B, H]×[H, G·H] GEMM and the cell's fused gate math (in double on the heap, in Vector API lanes when
 * the JVM has the module).
 * Backward collects the gate gradients of all steps and computes dW, dRW and dX with one GEMM each.
 * GEMMs go through a {@link MatrixEngine} (OpenBLAS called directly on the CPU backend, ND4J
 * elsewhere); float networks on the CPU backend run all GEMMs on the heap with {@link io.rnnkit.models.kernels.VectorGemm}
 * instead ({@link FloatHeapPath}), which measured faster than the bundled OpenBLAS here.
 *
 * <p>Batch rows are independent through the recurrence, so on the float heap path a large enough batch runs its
 * time loops as row ranges, one per kernel thread, each with its own per-step products and gate math and no
 * barrier between steps ({@link #rowParts}); otherwise each step's products and gate math split over the pool.
 *
 * <p>Masks zero the state at masked steps (h and c, as DL4J's LSTM), so padding works in both
 * directions of a {@code Bidirectional}. Work buffers are kept between calls and reallocated only
 * when the batch size or sequence length changes. State for {@code rnnTimeStep} and TBPTT lives in
 * DL4J's state maps under {@link #STATE_H} and {@link #STATE_C}; a {@code stateful} layer's carried
 * training state is separate and cleared only by {@link #resetCarriedState()}.
 *
 * @serial exclude (DL4J saves a network's configuration and parameters, never its layer objects)
 */
public class FusedRecurrentLayerImpl extends BaseRecurrentLayer<FusedRecurrentLayer> {

    /** State-map key of the hidden state h, [batch, H]. */
    public static final String STATE_H = "h";
    /** State-map key of the LSTM memory cell c, [batch, H]. */
    public static final String STATE_C = "c";
    /** Batch rows × hidden units from which a step's gate math is split over the kernel pool. */
    static final int PARALLEL_MIN_UNITS = 2048;
    /** Batch rows per thread from which the time loops run as row ranges, one per thread. */
    static final int MIN_ROWS_PER_PART = 4;

    private final RecurrentCell cell;
    private MatrixEngine engine = MatrixEngine.forCurrentBackend();
    private final SequenceBuffers buffers = new SequenceBuffers();
    private final StepBuffers step = new StepBuffers();
    private final FloatHeapPath floatPath = new FloatHeapPath();
    private final RecurrentWeightDrop weightDrop = new RecurrentWeightDrop();
    /** The candidate's product for a cell that gates its recurrent input, else null. */
    private final ResetGatedProduct gatedProduct;

    /** Whether the buffers hold a training forward pass that backprop may use. */
    private boolean backpropReady;
    private INDArray finalH;
    private INDArray finalC;
    private INDArray carriedH;
    private INDArray carriedC;

    /**
     * The layer of one network; DL4J calls this through {@link FusedRecurrentLayer#instantiate}.
     *
     * @param conf the layer's configuration
     * @param dataType the network's data type, FLOAT or DOUBLE
     * @param cell the step math
     */
    public FusedRecurrentLayerImpl(NeuralNetConfiguration conf, DataType dataType, RecurrentCell cell) {
        super(conf, dataType);
        this.cell = cell;
        this.gatedProduct = cell.gatesRecurrentInput() ? new ResetGatedProduct() : null;
    }

    /** Replaces the GEMM/copy engine (tests run the ND4J fallback on the CPU with it). */
    /** Fixes the weight-drop mask (mask/keep values shaped as RW) for gradient checks. */
    void fixWeightDropScale(INDArray scale) {
        weightDrop.fixScale(scale);
    }

    void useEngine(MatrixEngine replacement) {
        this.engine = replacement;
    }

    /** Forgets the hidden state a {@code stateful} layer carries between training passes. */
    public void resetCarriedState() {
        carriedH = null;
        carriedC = null;
    }

    /**
     * The hidden state (and LSTM cell state) carried into the next training pass.
     *
     * @return {h, c}, null where none
     */
    public INDArray[] carriedState() {
        return new INDArray[] {carriedH, carriedC};
    }

    /**
     * Carries a state into the next training pass.
     *
     * @param h the hidden state [batch, H]
     * @param c the LSTM's cell state [batch, H], null for cells without one
     */
    public void carryState(INDArray h, INDArray c) {
        carriedH = h;
        carriedC = c;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean carry = training && layerConf().isStateful();
        if (carry) {
            dropCarriedStateIfBatchChanged();
        }
        INDArray out = forward(carry ? carriedH : null, carry ? carriedC : null, training, workspaceMgr);
        if (carry) {
            captureFinalState();
            carriedH = finalH;
            carriedC = finalC;
        }
        return out;
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        boolean twoD = input.rank() == 2;
        if (twoD) {
            this.input = getDataFormat() == RNNFormat.NWC ? input.reshape(input.size(0), 1, input.size(1))
                    : input.reshape(input.size(0), input.size(1), 1);
        }
        INDArray out = forward(stateMap.get(STATE_H), stateMap.get(STATE_C), false, workspaceMgr);
        captureFinalState();
        putState(stateMap);
        return twoD ? out.reshape(out.size(0), layerConf().getNOut()) : out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        boolean carry = training && layerConf().isStateful();
        INDArray h0 = tBpttStateMap.get(STATE_H);
        INDArray c0 = tBpttStateMap.get(STATE_C);
        if (h0 == null && carry) {
            dropCarriedStateIfBatchChanged();
            h0 = carriedH;
            c0 = carriedC;
        }
        INDArray out = forward(h0, c0, training, workspaceMgr);
        if (storeLastForTBPTT || carry) {
            captureFinalState();
        }
        if (storeLastForTBPTT) {
            putState(tBpttStateMap);
        }
        if (carry) {
            carriedH = finalH;
            carriedC = finalC;
        }
        return out;
    }

    private void putState(Map<String, INDArray> map) {
        map.put(STATE_H, finalH);
        if (cell.hasCellState()) {
            map.put(STATE_C, finalC);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    /** Runs the sequence from the given initial state (null: zeros) and returns the output activations. */
    private INDArray forward(INDArray h0, INDArray c0, boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        if (input.rank() != 3) {
            throw new UserInputException(layerName() + " input must be rank 3 [batch, features, time], got shape "
                    + Arrays.toString(input.shape()));
        }
        INDArray in = permuteIfNWC(input);
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        long expectedNIn = layerConf().getNIn();
        if (nIn != expectedNIn) {
            throw new UserInputException(layerName() + " nIn is " + expectedNIn + " but the input has " + nIn
                    + " features (input shape " + Arrays.toString(input.shape()) + "); fix nIn or the data");
        }
        int hidden = (int) layerConf().getNOut();
        boolean dropRecurrent = training && layerConf().getRecurrentDropOut() < 1.0;
        SequenceBuffers b = buffers;
        b.ensure(dataType, cell, batch, steps, nIn, hidden, dropRecurrent);

        b.x.reshape(steps, batch, nIn).assign(in.permute(2, 0, 1));
        engine.read(MatrixBlock.of(getParam(BIAS_KEY)), b.bias);
        if (cell.hasSeparateRecurrentPart()) {
            engine.read(MatrixBlock.of(getParam(RECURRENT_BIAS_KEY)), b.recurrentBias);
        }
        b.threads = KernelThreads.shared();
        b.products = productsFor(b);
        INDArray recurrentWeights = weightDrop.weightsFor(getParam(RECURRENT_WEIGHT_KEY),
                layerConf().getWeightDropOut(), training);
        b.products.beginForward(MatrixBlock.of(b.x), MatrixBlock.of(getParam(INPUT_WEIGHT_KEY).transpose()),
                MatrixBlock.of(recurrentWeights.transpose()));
        if (gatedProduct != null) {
            gatedProduct.load(recurrentWeights);
        }

        setInitialState(h0, b.h, batch, hidden);
        if (cell.hasCellState()) {
            setInitialState(c0, b.c, batch, hidden);
        }
        readMask(batch, steps);
        if (dropRecurrent) {
            sampleRecurrentMask(layerConf().getRecurrentDropOut());
        }
        b.recurrentDropoutActive = dropRecurrent;
        double[] recurrentMask = dropRecurrent ? b.recurrentMask : null;
        b.products.setRecurrentInput(0, 0, batch, b.h, 0, recurrentMask);

        StepBuffers s = bindStep(batch, hidden);
        int parts = rowParts(batch);
        if (parts == 1) {
            forwardRows(0, batch, s, recurrentMask);
        } else {
            b.threads.runRanges(batch, parts, (from, to) -> forwardRows(from, to, s.copy(), recurrentMask));
        }

        backpropReady = training;
        return output(steps, batch, hidden, workspaceMgr);
    }

    /** The forward time loop over batch rows [from, to), with its own step buffers {@code s}. */
    private void forwardRows(int from, int to, StepBuffers s, double[] recurrentMask) {
        SequenceBuffers b = buffers;
        int hidden = b.hidden;
        int bh = b.batch * hidden;
        for (int t = 0; t < b.steps; t++) {
            b.products.stepPreActivations(t, from, to, b.zrStep, b.zxStep);
            s.prevOffset = t * bh;
            s.offset = (t + 1) * bh;
            s.cacheOffset = t * bh * cell.cacheWidth();
            if (gatedProduct != null) {
                splitRows(from, to, hidden, (first, end) -> cell.forwardGates(s, first, end));
                gatedProduct.forward(s.cache, GruResetBeforeCell.gatedStateOffset(s), cell.cacheWidth() * hidden,
                        b.batch, b.zrStep);
            }
            splitRows(from, to, hidden, (first, end) -> cell.forward(s, first, end));
            applyMask(t, from, to, hidden, b.h, s.offset);
            if (cell.hasCellState()) {
                applyMask(t, from, to, hidden, b.c, s.offset);
            }
            b.products.setRecurrentInput(t + 1, from, to, b.h, s.offset, recurrentMask);
        }
        layOutRows(from, to);
    }

    /**
     * How many row ranges the time loops run as: one per kernel thread when the products take row ranges, the
     * cell's step is one part (no reset-gated product across the batch) and each range gets at least {@link
     * #MIN_ROWS_PER_PART} rows (any row with a pool that splits everything, as in tests); else 1.
     */
    private int rowParts(int batch) {
        KernelThreads threads = buffers.threads;
        boolean split = buffers.products.runsRowRanges() && gatedProduct == null
                && threads.splits(batch, (long) MIN_ROWS_PER_PART * threads.size());
        return split ? Math.min(threads.size(), batch) : 1;
    }

    /**
     * Lays out rows [from, to) of the states in the activations' memory order, [B, H, T] ('f') or [B, T, H] ('c')
     * for NWC, in {@code output}; {@link #output} then writes them with one copy (an ND4J permuted assign took
     * about 1.4 ms for a [32, 256, 35] output here).
     */
    private void layOutRows(int from, int to) {
        SequenceBuffers b = buffers;
        boolean nwc = getDataFormat() == RNNFormat.NWC;
        int batch = b.batch;
        int steps = b.steps;
        int hidden = b.hidden;
        int bh = batch * hidden;
        double[] flat = b.output;
        for (int t = 0; t < steps; t++) {
            for (int r = from; r < to; r++) {
                int state = (t + 1) * bh + r * hidden;
                if (nwc) {
                    System.arraycopy(b.h, state, flat, (r * steps + t) * hidden, hidden);
                } else {
                    int first = t * bh + r;
                    for (int j = 0; j < hidden; j++) {
                        flat[first + j * batch] = b.h[state + j];
                    }
                }
            }
        }
    }

    /** The activations, as {@link #layOutRows} laid them out. */
    private INDArray output(int steps, int batch, int hidden, LayerWorkspaceMgr workspaceMgr) {
        boolean nwc = getDataFormat() == RNNFormat.NWC;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                nwc ? new long[] {batch, steps, hidden} : new long[] {batch, hidden, steps}, nwc ? 'c' : 'f');
        int bh = batch * hidden;
        long rows = nwc ? batch : steps;
        long cols = (long) bh * steps / rows;
        INDArray memory = Nd4j.create(out.data(), new long[] {rows, cols}, new long[] {cols, 1}, out.offset(), 'c');
        engine.write(buffers.output, MatrixBlock.of(memory));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!backpropReady) {
            throw new IllegalStateException(layerName() + ": backprop needs a preceding forward pass in training mode");
        }
        SequenceBuffers b = buffers;
        int batch = b.batch;
        int steps = b.steps;
        int hidden = b.hidden;
        int gh = cell.gates() * hidden;
        b.eps.reshape(steps, batch, hidden).assign(permuteIfNWC(epsilon).permute(2, 0, 1));
        int end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        SequenceProducts products = b.products;
        if (end > 0) {
            products.clearGateGradients(end);
        }
        Arrays.fill(b.dhNext, 0.0);
        Arrays.fill(b.dc, 0.0);
        if (gatedProduct != null) {
            gatedProduct.clearGradient();
        }

        engine.read(MatrixBlock.of(b.eps), b.epsSteps);
        StepBuffers s = bindStep(batch, hidden);
        int parts = rowParts(batch);
        b.ensureBiasGradientParts(parts, gh, hidden);
        if (parts == 1) {
            backwardRows(0, batch, end, s, 0);
        } else {
            b.threads.run(parts, part -> backwardRows(batch * part / parts, batch * (part + 1) / parts, end,
                    s.copy(), part));
        }
        b.sumBiasGradientParts(parts, gh, hidden);

        products.weightGradients(MatrixBlock.of(gradientViews.get(INPUT_WEIGHT_KEY).transpose()),
                MatrixBlock.of(gradientViews.get(RECURRENT_WEIGHT_KEY).transpose()));
        if (gatedProduct != null) {
            gatedProduct.writeGradient(gradientViews.get(RECURRENT_WEIGHT_KEY));
        }
        weightDrop.maskGradient(gradientViews.get(RECURRENT_WEIGHT_KEY));
        engine.write(b.biasGrad, MatrixBlock.of(gradientViews.get(BIAS_KEY)));
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(INPUT_WEIGHT_KEY, gradientViews.get(INPUT_WEIGHT_KEY));
        gradient.gradientForVariable().put(RECURRENT_WEIGHT_KEY, gradientViews.get(RECURRENT_WEIGHT_KEY));
        gradient.gradientForVariable().put(BIAS_KEY, gradientViews.get(BIAS_KEY));
        if (cell.hasSeparateRecurrentPart()) {
            engine.write(b.recurrentBiasGrad, MatrixBlock.of(gradientViews.get(RECURRENT_BIAS_KEY)));
            gradient.gradientForVariable().put(RECURRENT_BIAS_KEY, gradientViews.get(RECURRENT_BIAS_KEY));
        }

        if (!layerConf().isInputGradient()) {
            return new Pair<>(gradient, null);
        }
        products.inputGradient(MatrixBlock.of(b.dx));
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, b.nIn, steps}, 'f');
        epsOut.assign(b.dx.reshape(steps, batch, b.nIn).permute(1, 2, 0));
        epsOut = backpropDropOutIfPresent(epsOut);
        if (getDataFormat() == RNNFormat.NWC) {
            epsOut = epsOut.permute(0, 2, 1);
        }
        return new Pair<>(gradient, epsOut);
    }

    /**
     * The backward time loop over batch rows [from, to) down to step {@code end}, with its own step buffers
     * {@code s}; bias gradients go to row range {@code part}'s sums.
     */
    private void backwardRows(int from, int to, int end, StepBuffers s, int part) {
        SequenceBuffers b = buffers;
        SequenceProducts products = b.products;
        int batch = b.batch;
        int hidden = b.hidden;
        int bh = batch * hidden;
        int gh = cell.gates() * hidden;
        for (int t = b.steps - 1; t >= end; t--) {
            int epsStep = t * bh;
            for (int i = from * hidden; i < to * hidden; i++) {
                b.dh[i] = b.epsSteps[epsStep + i] + b.dhNext[i];
            }
            applyMask(t, from, to, hidden, b.dh, 0);
            if (cell.hasCellState()) {
                applyMask(t, from, to, hidden, s.dc, 0);
            }
            s.prevOffset = t * bh;
            s.offset = (t + 1) * bh;
            s.cacheOffset = t * bh * cell.cacheWidth();
            splitRows(from, to, hidden, (first, last) -> cell.backward(s, first, last));
            if (gatedProduct != null) {
                gatedProduct.backward(s.dzr, batch, s.dGatedState);
                splitRows(from, to, hidden, (first, last) -> cell.backwardGates(s, first, last));
            }
            accumulateBiasGradients(from, to, hidden, gh, part);
            if (gatedProduct != null) {
                gatedProduct.accumulate(s.cache, GruResetBeforeCell.gatedStateOffset(s), cell.cacheWidth() * hidden,
                        batch, s.dzr);
            }
            products.storeGateGradients(t, from, to, b.dzxStep, s.dzr);
            if (t > end) {
                products.recurrentGradient(t, from, to, s.dzr, b.dhNext);
                if (b.recurrentDropoutActive) {
                    for (int i = from * hidden; i < to * hidden; i++) {
                        b.dhNext[i] *= b.recurrentMask[i];
                    }
                }
                if (cell.hasSeparateRecurrentPart()) {
                    for (int i = from * hidden; i < to * hidden; i++) {
                        b.dhNext[i] += b.dhPrevDirect[i];
                    }
                }
                double[] swap = s.dc;
                s.dc = s.dcPrev;
                s.dcPrev = swap;
            }
        }
    }

    private StepBuffers bindStep(int batch, int hidden) {
        SequenceBuffers b = buffers;
        StepBuffers s = step;
        s.rows = batch;
        s.hidden = hidden;
        s.zx = b.zxStep;
        s.zr = b.zrStep;
        s.bias = b.bias;
        s.recurrentBias = b.recurrentBias;
        s.h = b.h;
        s.c = b.c;
        s.cache = b.cache;
        s.dh = b.dh;
        s.dc = b.dc;
        s.dzx = b.dzxStep;
        s.dzr = cell.hasSeparateRecurrentPart() ? b.dzrStep : b.dzxStep;
        s.dcPrev = b.dcPrev;
        s.dhPrevDirect = b.dhPrevDirect;
        s.dGatedState = b.dGatedState;
        s.recurrentMask = b.recurrentDropoutActive ? b.recurrentMask : null;
        return s;
    }

    /**
     * Runs a step's gate math over batch rows [from, to), split over the kernel pool when the block has at
     * least {@link #PARALLEL_MIN_UNITS} units (smaller steps cost less than a split); within a row range of
     * {@link #rowParts} the pool is taken, and the rows run on the calling thread.
     */
    private void splitRows(int from, int to, int hidden, KernelThreads.Range body) {
        KernelThreads threads = buffers.threads;
        int rows = to - from;
        // a few parts per thread, so that a worker that wakes late does not hold the caller up
        int parts = threads.splits((long) rows * hidden, PARALLEL_MIN_UNITS) ? Math.min(rows, 4 * threads.size()) : 1;
        threads.runRanges(rows, parts, (first, end) -> body.run(from + first, from + end));
    }

    /** Adds rows [from, to) of the step's gate gradients to row range {@code part}'s bias gradient sums. */
    private void accumulateBiasGradients(int from, int to, int hidden, int gh, int part) {
        SequenceBuffers b = buffers;
        int biasStart = part * gh;
        int recurrentStart = part * hidden;
        for (int r = from; r < to; r++) {
            int base = r * gh;
            for (int k = 0; k < gh; k++) {
                b.biasGradParts[biasStart + k] += b.dzxStep[base + k];
            }
            if (cell.hasSeparateRecurrentPart()) {
                int n = base + gh - hidden;
                for (int j = 0; j < hidden; j++) {
                    b.recurrentBiasGradParts[recurrentStart + j] += b.dzrStep[n + j];
                }
            }
        }
    }

    /**
     * The products for this pass: the float heap path on ND4J's CPU backend (heap GEMMs, which measured
     * faster than the bundled OpenBLAS here), else the engine on the off-heap buffers.
     */
    private SequenceProducts productsFor(SequenceBuffers b) {
        if (dataType == DataType.FLOAT && engine instanceof CblasMatrixEngine cblas) {
            floatPath.bind(cblas, b.threads);
            floatPath.ensure(b.batch, b.steps, b.nIn, b.hidden, cell.gates() * b.hidden, cell.hasSeparateRecurrentPart());
            return floatPath;
        }
        return new EngineProducts(engine, b);
    }

    private void setInitialState(INDArray state, double[] target, int batch, int hidden) {
        int n = batch * hidden;
        if (state == null) {
            Arrays.fill(target, 0, n, 0.0);
            return;
        }
        if (state.size(0) != batch || state.size(1) != hidden) {
            throw new IllegalStateException(layerName() + ": stored state has shape " + Arrays.toString(state.shape())
                    + " but this input needs [" + batch + ", " + hidden + "]; call rnnClearPreviousState()");
        }
        double[] values = state.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        System.arraycopy(values, 0, target, 0, n);
    }

    /** Copies the last forward pass's final h (and c) into ND4J arrays, for the state maps and stateful carry. */
    private void captureFinalState() {
        SequenceBuffers b = buffers;
        int batch = b.batch;
        int steps = b.steps;
        int hidden = b.hidden;
        int bh = batch * hidden;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            finalH = Nd4j.create(Arrays.copyOfRange(b.h, steps * bh, (steps + 1) * bh), new long[] {batch, hidden}, 'c')
                    .castTo(dataType);
            finalC = cell.hasCellState()
                    ? Nd4j.create(Arrays.copyOfRange(b.c, steps * bh, (steps + 1) * bh), new long[] {batch, hidden}, 'c')
                            .castTo(dataType)
                    : null;
        }
    }

    private void dropCarriedStateIfBatchChanged() {
        if (carriedH != null && input != null && carriedH.size(0) != input.size(0)) {
            resetCarriedState();
        }
    }

    private void readMask(int batch, int steps) {
        SequenceBuffers b = buffers;
        if (maskArray == null) {
            b.mask = null;
            return;
        }
        if (maskArray.length() != (long) batch * steps) {
            throw new UserInputException(layerName() + " mask must be [batch, time] = [" + batch + ", " + steps
                    + "], got shape " + Arrays.toString(maskArray.shape()));
        }
        b.mask = maskArray.reshape(batch, steps).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Multiplies rows [from, to) of the [batch, H] block at {@code offset} by their mask values at step t. */
    private void applyMask(int t, int from, int to, int hidden, double[] block, int offset) {
        double[] mask = buffers.mask;
        if (mask == null) {
            return;
        }
        int steps = buffers.steps;
        for (int r = from; r < to; r++) {
            double m = mask[r * steps + t];
            if (m != 1.0) {
                int start = offset + r * hidden;
                for (int j = 0; j < hidden; j++) {
                    block[start + j] *= m;
                }
            }
        }
    }

    private void sampleRecurrentMask(double keep) {
        SequenceBuffers b = buffers;
        SplittableRandom random = new SplittableRandom(Nd4j.getRandom().nextLong());
        double scale = 1.0 / keep;
        for (int i = 0; i < b.recurrentMask.length; i++) {
            b.recurrentMask[i] = random.nextDouble() < keep ? scale : 0.0;
        }
    }

    private String layerName() {
        return layerConf().getClass().getSimpleName() + " (layer " + getIndex() + ", name " + layerConf().getLayerName() + ")";
    }
}
