package io.rnnkit.models.layers.output;

import static org.deeplearning4j.nn.params.DefaultParamInitializer.BIAS_KEY;
import static org.deeplearning4j.nn.params.DefaultParamInitializer.WEIGHT_KEY;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.Nd4jOpThreads;
import io.rnnkit.models.layers.TimeMajorArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J layer behind {@link SoftmaxCrossEntropyOutput}. Rows {@code b·T + t} of the input, copied to
 * X [B·T, nIn], go through one GEMM to the logits [B·T, nOut]; one pass per row then turns them into
 * {@code mask·(P - Y)} and the loss, and two more GEMMs give dW and dX. Like DL4J's output layers, the
 * gradients are sums over the mini-batch (the updater divides by B) and the score is divided by B.
 *
 * @serial exclude (DL4J saves a network's configuration and parameters, never its layer objects)
 */
public class SoftmaxCrossEntropyOutputImpl extends BaseLayer<SoftmaxCrossEntropyOutput> implements IOutputLayer {

    private static final Logger log = LoggerFactory.getLogger(SoftmaxCrossEntropyOutputImpl.class);

    private final RowMajorGemm gemm = RowMajorGemm.forCurrentBackend();
    private final StepMajorToClassMajor layout = new StepMajorToClassMajor(RowMajorGemm.isNativeCpu());
    private final ExampleMajorRows rowOrder = new ExampleMajorRows(RowMajorGemm.isNativeCpu());
    private SoftmaxRows kernel;
    private INDArray labels;
    /** Off-heap work arrays, kept between calls: X [R, nIn], logits [R, nOut], dX [R, nIn]. */
    private INDArray x;
    private INDArray logits;
    private INDArray dx;
    /** The loss the last backprop computed, reused by computeScore for the same input and labels. */
    private PendingLoss pending;

    private record PendingLoss(INDArray input, INDArray labels, INDArray mask, double lossSum) {
    }

    /**
     * The layer of one network; DL4J calls this through {@link SoftmaxCrossEntropyOutput#instantiate}.
     *
     * @param conf the layer's configuration
     * @param dataType the network's data type, FLOAT or DOUBLE
     */
    public SoftmaxCrossEntropyOutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
        this.pending = null;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    /** Takes the label mask [batch, time]; per-output masks are not supported. */
    @Override
    public void setMaskArray(INDArray maskArray) {
        if (maskArray != null && maskArray.rank() != 2) {
            throw new UserInputException(layerName() + " label mask must be [batch, time], got shape "
                    + Arrays.toString(maskArray.shape()));
        }
        this.maskArray = maskArray;
        this.pending = null;
    }

    /** Last layer: the feature mask stops here; only the label mask weights the loss. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return null;
    }

    /** Softmax probabilities [B, nOut, T] (or [B, nOut] for 2-D input), zero at masked steps. */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        boolean twoD = input.rank() == 2;
        int[] bt = project(training, workspaceMgr);
        int batch = bt[0];
        int steps = bt[1];
        double[] weight = ClassTargets.weights(twoD ? null : maskArray, batch, steps, layerName());
        kernel.begin(logits, getParam(BIAS_KEY));
        kernel.probabilities(weight);
        kernel.end();
        int classes = (int) layerConf().getNOut();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {batch, classes, steps}, 'c');
        layout.write(logits, out, batch, steps, classes);
        return twoD ? out.reshape(batch, classes) : out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        requireLabels();
        int[] bt = project(true, workspaceMgr);
        int batch = bt[0];
        int steps = bt[1];
        ClassTargets targets = ClassTargets.read(labels, maskArray, batch, steps, (int) layerConf().getNOut(),
                layerName());
        INDArray weightGrad = gradientViews.get(WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(BIAS_KEY);
        kernel.begin(logits, getParam(BIAS_KEY));
        double lossSum = kernel.gradients(targets.target(), targets.weight());
        kernel.writeBiasGradient(biasGrad);
        kernel.end();
        // W is stored 'f' [nIn, nOut]: its transpose is a row-major [nOut, nIn] view of the same memory
        gemm.gemm(true, false, logits, x, weightGrad.transpose());
        gemm.gemm(false, false, logits, getParam(WEIGHT_KEY).transpose(), dx);
        int nIn = (int) layerConf().getNIn();
        INDArray eps = TimeMajorArrays.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, dataType, batch, nIn, steps);
        rowOrder.toTimeMajor(dx, TimeMajorArrays.rows(eps), batch, steps);
        if (input.rank() == 2) {
            eps = eps.reshape(batch, nIn);
        }
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(WEIGHT_KEY, weightGrad);
        g.gradientForVariable().put(BIAS_KEY, biasGrad);
        this.gradient = g;
        this.pending = new PendingLoss(input, labels, maskArray, lossSum);
        return new Pair<>(g, backpropDropOutIfPresent(eps));
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        backpropGradient(null, workspaceMgr);
        computeScore(calcRegularizationScore(true), true, workspaceMgr);
    }

    /** Sum over (example, step) of {@code -mask·log p(target)}, divided by the batch size, plus the regularization. */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        requireLabels();
        PendingLoss p = pending;
        pending = null;
        boolean reuse = training && p != null && p.input() == input && p.labels() == labels
                && p.mask() == maskArray;
        double lossSum = reuse ? p.lossSum() : sum(lossPerExample(training, workspaceMgr));
        long batch = input.size(0);
        double value = conf().isMiniBatch() ? lossSum / batch : lossSum;
        this.score = value + fullNetRegTerm;
        return score;
    }

    /** Per-example loss [B, 1]: the sum over steps of {@code -mask·log p(target)}, plus the regularization. */
    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        requireLabels();
        double[] perExample = lossPerExample(false, workspaceMgr);
        for (int b = 0; b < perExample.length; b++) {
            perExample[b] += fullNetRegTerm;
        }
        INDArray scores = Nd4j.create(perExample, new long[] {perExample.length, 1}, 'c').castTo(dataType);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, scores);
    }

    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    /** Macro F1 over all (example, step) pairs; labels as for training (indices or one-hot). */
    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        INDArray probabilities = activate(examples, false, LayerWorkspaceMgr.noWorkspaces());
        int classes = (int) layerConf().getNOut();
        ClassTargets targets = ClassTargets.read(labels, null, (int) probabilities.size(0),
                (int) probabilities.size(2), classes, layerName());
        INDArray oneHot = Nd4j.zeros(probabilities.dataType(), targets.target().length, classes);
        for (int r = 0; r < targets.target().length; r++) {
            oneHot.putScalar(r, targets.target()[r], 1.0);
        }
        Evaluation evaluation = new Evaluation(classes);
        evaluation.eval(oneHot, probabilities.permute(0, 2, 1).dup('c').reshape(-1, classes));
        return evaluation.f1();
    }

    @Override
    public int numLabels() {
        return (int) layerConf().getNOut();
    }

    /** The most probable class of each (example, step), at index {@code b·T + t}. */
    @Override
    public int[] predict(INDArray input) {
        INDArray probabilities = activate(input, false, LayerWorkspaceMgr.noWorkspaces());
        INDArray classes = probabilities.rank() == 3 ? probabilities.argMax(1) : probabilities.argMax(1).reshape(-1, 1);
        return classes.dup('c').data().asInt();
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        List<String> names = new ArrayList<>();
        for (int index : predict(dataSet.getFeatures())) {
            names.add(dataSet.getLabelName(index));
        }
        return names;
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw trainTheNetwork();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw trainTheNetwork();
    }

    @Override
    public void fit(DataSet data) {
        throw trainTheNetwork();
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw trainTheNetwork();
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
        pending = null;
    }

    private double[] lossPerExample(boolean training, LayerWorkspaceMgr workspaceMgr) {
        int[] bt = project(training, workspaceMgr);
        int batch = bt[0];
        int steps = bt[1];
        ClassTargets targets = ClassTargets.read(labels, maskArray, batch, steps, (int) layerConf().getNOut(),
                layerName());
        double[] perExample = new double[batch];
        double[] rowLoss = new double[targets.target().length];
        kernel.begin(logits, getParam(BIAS_KEY));
        kernel.crossEntropies(targets.target(), targets.weight(), rowLoss);
        kernel.end();
        for (int r = 0; r < rowLoss.length; r++) {
            if (targets.weight()[r] != 0.0) {
                perExample[r / steps] += rowLoss[r];
            }
        }
        return perExample;
    }

    /**
     * Copies the (dropped-out) input into X and computes the logits without bias, X·W, into
     * {@link #logits}; returns {batch, steps}.
     */
    private int[] project(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Nd4jOpThreads.confineCallingThread();
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = input.rank() == 2 ? input.reshape(input.size(0), input.size(1), 1) : input;
        long nIn = layerConf().getNIn();
        if (in.rank() != 3 || in.size(1) != nIn) {
            throw new UserInputException(layerName() + " input must be [batch, nIn = " + nIn + ", time], got shape "
                    + Arrays.toString(input.shape()));
        }
        int batch = (int) in.size(0);
        int steps = (int) in.size(2);
        ensureBuffers((long) batch * steps);
        if (TimeMajorArrays.isTimeMajor(in)) {
            rowOrder.fromTimeMajor(TimeMajorArrays.rows(in), x, batch, steps);
        } else {
            x.reshape(batch, steps, nIn).assign(in.permute(0, 2, 1));
        }
        gemm.gemm(false, true, x, getParam(WEIGHT_KEY).transpose(), logits);
        return new int[] {batch, steps};
    }

    private void ensureBuffers(long rows) {
        if (kernel == null) {
            kernel = SoftmaxRows.create(dataType, (int) layerConf().getNOut(), RowMajorGemm.isNativeCpu());
        }
        if (x != null && x.size(0) == rows) {
            return;
        }
        long nIn = layerConf().getNIn();
        long nOut = layerConf().getNOut();
        log.debug("{}: work arrays for {} rows, {} classes", layerName(), rows, nOut);
        x = Nd4j.createUninitializedDetached(dataType, rows, nIn);
        logits = Nd4j.createUninitializedDetached(dataType, rows, nOut);
        dx = Nd4j.createUninitializedDetached(dataType, rows, nIn);
    }

    private static double sum(double[] values) {
        double total = 0.0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException(layerName() + " has no labels: set them before computing a score");
        }
    }

    private UnsupportedOperationException trainTheNetwork() {
        return new UnsupportedOperationException(layerName()
                + " trains as part of its network: call fit on the MultiLayerNetwork or ComputationGraph");
    }

    private String layerName() {
        return "SoftmaxCrossEntropyOutput (layer " + getIndex() + ", name " + layerConf().getLayerName() + ")";
    }
}
