package io.rnnkit.models.layers;

import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.BIAS_KEY;
import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.INPUT_WEIGHT_KEY;
import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.RECURRENT_BIAS_KEY;
import static io.rnnkit.models.layers.FusedRecurrentParamInitializer.RECURRENT_WEIGHT_KEY;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.Nd4jOpThreads;
import io.rnnkit.models.kernels.KernelThreads;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one DL4J layer behind {@link SimpleRnn}, {@link Lstm} and {@link Gru}: it moves the sequence, the
 * weights and the states between DL4J's arrays and its heap buffers, and runs the time loops of {@link
 * SequenceLoops}, which delegate each step's math to a {@link RecurrentCell}.
 *
 * <p>Forward: one GEMM projects the whole input sequence ([T·B, nIn]×[nIn, G·H]); each step then
 * runs one [B, H]×[H, G·H] GEMM and the cell's fused gate math on the heap, in Vector API lanes when the JVM has
 * the module: in float for a float network on the float heap path ({@link FloatSequenceLoops}), else in double.
 * Backward collects the gate gradients of all steps and computes dW, dRW and dX with one GEMM each.
 * GEMMs go through a {@link MatrixEngine} (OpenBLAS called directly on the CPU backend, ND4J
 * elsewhere); float networks on the CPU backend run all GEMMs on the heap with {@link io.rnnkit.models.kernels.VectorGemm}
 * instead ({@link FloatHeapPath}), which measured faster than the bundled OpenBLAS here.
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
    private final RecurrentCell cell;
    private MatrixEngine engine = MatrixEngine.forCurrentBackend();
    private final SequenceBuffers buffers = new SequenceBuffers();
    private final FloatHeapPath floatPath = new FloatHeapPath();
    private final RecurrentWeightDrop weightDrop = new RecurrentWeightDrop();
    /** The candidate's product for a cell that gates its recurrent input, else null. */
    private final ResetGatedProduct gatedProduct;
    private final SequenceLoops loops;
    private final FloatSequenceLoops floatLoops;

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
        this.loops = new SequenceLoops(cell, gatedProduct, buffers);
        this.floatLoops = new FloatSequenceLoops(cell, floatPath, buffers);
    }

    /** Fixes the weight-drop mask (mask/keep values shaped as RW) for gradient checks. */
    void fixWeightDropScale(INDArray scale) {
        weightDrop.fixScale(scale);
    }

    /** Replaces the GEMM/copy engine (tests run the ND4J fallback on the CPU with it). */
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
        Nd4jOpThreads.confineCallingThread();
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
        b.ensure(dataType, cell, batch, steps, nIn, hidden, dropRecurrent, onFloatHeapPath() && cell.hasFloatSteps());

        MatrixBlock x = timeMajorRows(in, b.x, batch, nIn, steps);
        HeapStates.readBiases(b, engine, getParam(BIAS_KEY),
                cell.hasSeparateRecurrentPart() ? getParam(RECURRENT_BIAS_KEY) : null);
        b.threads = KernelThreads.shared();
        b.products = productsFor(b);
        INDArray recurrentWeights = weightDrop.weightsFor(getParam(RECURRENT_WEIGHT_KEY),
                layerConf().getWeightDropOut(), training);
        b.products.beginForward(x, MatrixBlock.of(getParam(INPUT_WEIGHT_KEY).transpose()),
                MatrixBlock.of(recurrentWeights.transpose()), training);
        if (gatedProduct != null) {
            gatedProduct.load(recurrentWeights);
        }

        HeapStates.readInitialStates(b, h0, c0, cell.hasCellState(), layerName());
        readMask(batch, steps);
        if (dropRecurrent) {
            HeapStates.sampleRecurrentMask(b, layerConf().getRecurrentDropOut(), Nd4j.getRandom().nextLong());
        }
        b.recurrentDropoutActive = dropRecurrent;
        boolean nwc = getDataFormat() == RNNFormat.NWC;
        if (b.floats != null) {
            floatLoops.forward(nwc);
        } else {
            loops.forward(dropRecurrent ? b.recurrentMask : null, nwc);
        }

        backpropReady = training;
        return output(steps, batch, hidden, workspaceMgr);
    }

    /**
     * The activations, as the forward loop laid them out: [B, T, H] in 'c' order for NWC, else time-major ({@link
     * TimeMajorArrays}), which the fused layers above read with contiguous copies.
     */
    private INDArray output(int steps, int batch, int hidden, LayerWorkspaceMgr workspaceMgr) {
        INDArray out;
        INDArray memory;
        if (getDataFormat() == RNNFormat.NWC) {
            out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {batch, steps, hidden},
                    'c');
            memory = out.reshape(batch, (long) steps * hidden);
        } else {
            out = TimeMajorArrays.create(workspaceMgr, ArrayType.ACTIVATIONS, dataType, batch, hidden, steps);
            memory = TimeMajorArrays.rows(out);
        }
        if (buffers.outputFloats != null) {
            engine.writeFloats(buffers.outputFloats, MatrixBlock.of(memory));
        } else {
            engine.write(buffers.output, MatrixBlock.of(memory));
        }
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
        MatrixBlock epsRows = timeMajorRows(permuteIfNWC(epsilon), b.eps, batch, hidden, steps);
        int end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        SequenceProducts products = b.products;
        if (end > 0) {
            products.clearGateGradients(end);
        }
        if (gatedProduct != null) {
            gatedProduct.clearGradient();
        }

        if (b.epsFloats != null) {
            engine.readFloats(epsRows, b.epsFloats);
        } else {
            engine.read(epsRows, b.epsSteps);
        }
        if (b.floats != null) {
            floatLoops.backward(end);
        } else {
            loops.backward(end);
        }

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
        INDArray epsOut = TimeMajorArrays.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, dataType, batch, b.nIn,
                steps);
        products.inputGradient(MatrixBlock.of(TimeMajorArrays.rows(epsOut)));
        epsOut = backpropDropOutIfPresent(epsOut);
        if (getDataFormat() == RNNFormat.NWC) {
            epsOut = epsOut.permute(0, 2, 1);
        }
        return new Pair<>(gradient, epsOut);
    }

    /**
     * A [B, F, T] sequence of this pass (the input, or the output gradients) as time-major rows [T·B, F]: in place
     * when it is time-major ({@link TimeMajorArrays}), as the fused layers hand each other their outputs and
     * gradients, else copied into {@code buffer}, a [T·B, F] block of the buffers. DL4J keeps a layer's input and
     * epsilon alive through its backward pass, so the products may read them there.
     */
    private static MatrixBlock timeMajorRows(INDArray sequence, INDArray buffer, int batch, int features, int steps) {
        if (TimeMajorArrays.isTimeMajor(sequence) && sequence.size(0) == batch && sequence.size(1) == features
                && sequence.size(2) == steps) {
            return MatrixBlock.of(TimeMajorArrays.rows(sequence));
        }
        buffer.reshape(steps, batch, features).assign(sequence.permute(2, 0, 1));
        return MatrixBlock.of(buffer);
    }

    /**
     * The products for this pass: the float heap path on ND4J's CPU backend (heap GEMMs, which measured
     * faster than the bundled OpenBLAS here), else the engine on the off-heap buffers.
     */
    private SequenceProducts productsFor(SequenceBuffers b) {
        if (onFloatHeapPath()) {
            floatPath.bind((CblasMatrixEngine) engine, b.threads);
            floatPath.ensure(b.batch, b.steps, b.nIn, b.hidden, cell.gates() * b.hidden, cell.hasSeparateRecurrentPart());
            return floatPath;
        }
        return new EngineProducts(engine, b);
    }

    /**
     * Whether this layer's products run on the float heap path ({@link FloatHeapPath}): a float network on ND4J's
     * CPU backend. Its gate math then runs in float too where the cell {@link RecurrentCell#hasFloatSteps() has
     * float steps} ({@link FloatSequenceLoops}).
     */
    private boolean onFloatHeapPath() {
        return dataType == DataType.FLOAT && engine instanceof CblasMatrixEngine;
    }

    /** Copies the last forward pass's final h (and c) into ND4J arrays, for the state maps and stateful carry. */
    private void captureFinalState() {
        INDArray[] states = HeapStates.finalStates(buffers, cell.hasCellState(), dataType);
        finalH = states[0];
        finalC = states[1];
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

    private String layerName() {
        return layerConf().getClass().getSimpleName() + " (layer " + getIndex() + ", name " + layerConf().getLayerName() + ")";
    }
}
