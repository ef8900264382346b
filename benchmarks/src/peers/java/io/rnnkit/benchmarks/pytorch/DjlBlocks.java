package io.rnnkit.benchmarks.pytorch;

import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.nn.recurrent.RecurrentBlock;
import io.rnnkit.benchmarks.Workload;

/** DJL recurrent blocks for a workload (batch-first, tanh, biases), backed by PyTorch's fused RNN ops. */
final class DjlBlocks {

    private DjlBlocks() {
    }

    static RecurrentBlock recurrent(Workload workload, boolean returnState) {
        int hidden = workload.hidden();
        int layers = workload.layers();
        return switch (workload.cell()) {
            case LSTM -> LSTM.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true)
                    .optReturnState(returnState).build();
            case GRU -> GRU.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true)
                    .optReturnState(returnState).build();
            case SIMPLE_RNN -> RNN.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true)
                    .setActivation(RNN.Activation.TANH).optReturnState(returnState).build();
        };
    }
}
