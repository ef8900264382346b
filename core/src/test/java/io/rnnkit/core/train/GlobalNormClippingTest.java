package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class GlobalNormClippingTest {

    private static final int BATCH = 8;

    private static MultiLayerNetwork networkWithGradient() {
        MultiLayerNetwork net = ToyNetworks.echoLstm(TrainingConfig.basic(1, Optimizer.SGD, 1.0, 3));
        DataSet batch = ToyNetworks.echoData(1, BATCH, 3).get(0);
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
        return net;
    }

    @Test
    void scalesTheBatchAveragedGradientDownToTheThreshold() {
        MultiLayerNetwork net = networkWithGradient();
        // DL4J's gradient is still summed over the 8 examples here; the updater divides it later.
        double averagedBefore = net.gradient().gradient().castTo(DataType.DOUBLE).norm2Number().doubleValue() / BATCH;
        double threshold = averagedBefore / 4;

        GlobalNormClipping clipping = new GlobalNormClipping(threshold);
        clipping.onGradientCalculation(net);

        // float lane sums: agreement to float precision
        assertThat(clipping.lastNormBeforeClipping()).isCloseTo(averagedBefore, within(averagedBefore * 1e-6));
        assertThat(net.gradient().gradient().norm2Number().doubleValue() / BATCH)
                .isCloseTo(threshold, within(threshold * 1e-5));
        // Per-parameter views see the clipped values too, so the updater applies the clipped step.
        double viewNorm = 0;
        for (var entry : net.gradient().gradientForVariable().values()) {
            viewNorm += Math.pow(entry.norm2Number().doubleValue(), 2);
        }
        assertThat(Math.sqrt(viewNorm) / BATCH).isCloseTo(threshold, within(threshold * 1e-5));
    }

    @Test
    void theUpdateSgdAppliesHasTheClippedNorm() {
        MultiLayerNetwork net = networkWithGradient();
        double threshold = net.gradient().gradient().norm2Number().doubleValue() / BATCH / 3;
        net.setListeners(new GlobalNormClipping(threshold));
        DataSet batch = ToyNetworks.echoData(1, BATCH, 3).get(0);
        org.nd4j.linalg.api.ndarray.INDArray before = net.params().dup();

        net.fit(batch);

        // SGD with lr 1 moves the parameters by exactly the clipped, batch-averaged gradient.
        assertThat(net.params().sub(before).norm2Number().doubleValue()).isCloseTo(threshold, within(threshold * 1e-4));
    }

    @Test
    void leavesASmallGradientUnchanged() {
        MultiLayerNetwork net = networkWithGradient();
        double before = net.gradient().gradient().norm2Number().doubleValue();

        new GlobalNormClipping(before / BATCH * 2).onGradientCalculation(net);

        assertThat(net.gradient().gradient().norm2Number().doubleValue()).isCloseTo(before, within(1e-9));
    }

    @Test
    void rejectsANonPositiveThreshold() {
        assertThatThrownBy(() -> new GlobalNormClipping(0)).hasMessageContaining("clip norm");
    }
}
