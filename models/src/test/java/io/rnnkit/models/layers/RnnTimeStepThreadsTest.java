package io.rnnkit.models.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.kernels.KernelThreads;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-token {@code rnnTimeStep} on a pool of two, at the sampling benchmark's shape (65 symbols, 256 units,
 * batch 1): no step is large enough to split, so after the first call, which copies the weights, no call may
 * wake the worker. Waking it for nothing cost 30-40 µs a call, which made these rows slower at 2 threads.
 */
class RnnTimeStepThreadsTest {

    private static final int SYMBOLS = 65;
    private static final int HIDDEN = 256;

    @AfterEach
    void restoreSharedPool() {
        KernelThreads.setShared(null);
    }

    @Test
    void tokenStepsLeaveTheWorkersAsleepOnceTheWeightsAreLoaded() {
        for (Layer recurrent : new Layer[] {new Lstm.Builder().nIn(SYMBOLS).nOut(HIDDEN).build(),
                new Gru.Builder().nIn(SYMBOLS).nOut(HIDDEN).build(),
                new SimpleRnn.Builder().nIn(SYMBOLS).nOut(HIDDEN).build()}) {
            KernelThreads pool = KernelThreads.ofSize(2);
            KernelThreads.setShared(pool);
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                    .dataType(DataType.FLOAT).list()
                    .layer(recurrent)
                    .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(HIDDEN).nOut(SYMBOLS).build())
                    .build());
            net.init();
            net.rnnTimeStep(oneHot(5));
            long afterLoad = pool.splitsHandedOut();
            INDArray last = null;
            for (int token = 0; token < 10; token++) {
                last = net.rnnTimeStep(oneHot(token * 7 % SYMBOLS));
            }

            assertThat(pool.splitsHandedOut()).as(recurrent.getClass().getSimpleName()).isEqualTo(afterLoad);
            assertThat(last.sumNumber().doubleValue()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void theCountGrowsWhenWorkIsHandedOut() {
        KernelThreads pool = KernelThreads.splittingEverything(2);
        long before = pool.splitsHandedOut();
        pool.run(2, part -> { });
        pool.run(1, part -> { });

        assertThat(pool.splitsHandedOut()).isEqualTo(before + 1);
    }

    private static INDArray oneHot(int symbol) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, SYMBOLS);
        x.putScalar(0, symbol, 1f);
        return x;
    }
}
