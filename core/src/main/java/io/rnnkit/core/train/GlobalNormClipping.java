package io.rnnkit.core.train;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Clips the gradient of the whole network by its global L2 norm, as the PTB reference does.
 *
 * <p>DL4J only clips per layer or per parameter type. This listener runs after the gradient is
 * computed and before the updater applies it, and rescales the flattened gradient of all
 * parameters in place. DL4J's gradient at that point is still summed over the mini-batch (the
 * updater divides by the batch size afterwards), so the limit applies to the norm of the
 * batch-averaged gradient, the one the update really uses, as in the reference implementations.
 */
public final class GlobalNormClipping extends BaseTrainingListener implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double maxNorm;
    private double lastNormBeforeClipping = Double.NaN;

    public GlobalNormClipping(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clip norm must be positive and finite, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    @Override
    public void onGradientCalculation(Model model) {
        INDArray gradient = model.gradient().gradient();
        double norm = GradientNorm.l2(gradient) / minibatchDivisor(model);
        lastNormBeforeClipping = norm;
        if (norm > maxNorm) {
            gradient.muli(maxNorm / norm);
        }
    }

    /** What DL4J's updater will divide this gradient by: the batch size in (default) mini-batch mode. */
    static int minibatchDivisor(Model model) {
        return model.conf() != null && !model.conf().isMiniBatch() ? 1 : Math.max(1, model.batchSize());
    }

    /** The norm of the batch-averaged gradient on the latest step, before clipping (NaN before the first step). */
    public double lastNormBeforeClipping() {
        return lastNormBeforeClipping;
    }
}
