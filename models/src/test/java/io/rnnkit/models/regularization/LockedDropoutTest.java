package io.rnnkit.models.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LockedDropoutTest {

    private static final int BATCH = 40;
    private static final int FEATURES = 50;
    private static final int STEPS = 6;

    @Test
    void oneMaskPerSequenceAndFeatureHoldsAtEveryStep() {
        Nd4j.getRandom().setSeed(1);
        INDArray input = Nd4j.rand(DataType.DOUBLE, BATCH, FEATURES, STEPS).addi(0.5);
        LockedDropout dropout = new LockedDropout(0.7);

        INDArray out = dropout.applyDropout(input, Nd4j.createUninitialized(DataType.DOUBLE, BATCH, FEATURES, STEPS),
                0, 0, LayerWorkspaceMgr.noWorkspaces());

        int kept = 0;
        for (int b = 0; b < BATCH; b++) {
            for (int f = 0; f < FEATURES; f++) {
                double scale = out.getDouble(b, f, 0) / input.getDouble(b, f, 0);
                assertThat(scale).satisfiesAnyOf(s -> assertThat(s).isZero(),
                        s -> assertThat(s).isCloseTo(1 / 0.7, within(1e-12)));
                for (int t = 1; t < STEPS; t++) {
                    assertThat(out.getDouble(b, f, t)).isCloseTo(scale * input.getDouble(b, f, t), within(1e-12));
                }
                kept += scale > 0 ? 1 : 0;
            }
        }
        // 2,000 Bernoulli(0.7) draws: 1,400 expected, sd about 20
        assertThat(kept).isBetween(1300, 1500);
    }

    @Test
    void backpropMultipliesByTheSameMask() {
        Nd4j.getRandom().setSeed(2);
        INDArray input = Nd4j.ones(DataType.DOUBLE, BATCH, FEATURES, STEPS);
        LockedDropout dropout = new LockedDropout(0.5);
        INDArray forward = dropout.applyDropout(input, Nd4j.createUninitialized(DataType.DOUBLE, BATCH, FEATURES, STEPS),
                0, 0, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray upstream = Nd4j.rand(DataType.DOUBLE, BATCH, FEATURES, STEPS);

        INDArray back = dropout.backprop(upstream, Nd4j.createUninitialized(DataType.DOUBLE, BATCH, FEATURES, STEPS),
                0, 0);

        assertThat(back.sub(upstream.mul(forward)).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThatThrownBy(() -> dropout.backprop(upstream, upstream.dup(), 0, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void inferenceIsUntouchedAndTheConfigRoundTrips() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(3).list()
                .layer(new Lstm.Builder().nIn(4).nOut(8).dropOut(new LockedDropout(0.6)).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(8).nOut(3).dropOut(new LockedDropout(0.8)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 5);

        INDArray first = net.output(x, false);
        INDArray second = net.output(x, false);
        INDArray training = net.output(x, true);

        assertThat(second.data().asFloat()).containsExactly(first.data().asFloat());
        assertThat(training.sub(first).amaxNumber().doubleValue()).isGreaterThan(1e-4);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.getConf(0).getLayer().getIDropout()).isEqualTo(new LockedDropout(0.6));
    }

    @Test
    void aKeepProbabilityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new LockedDropout(0.0)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new LockedDropout(1.5)).isInstanceOf(UserInputException.class);
    }
}
