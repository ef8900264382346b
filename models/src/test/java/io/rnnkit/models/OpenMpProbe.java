package io.rnnkit.models;

import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * For {@link Nd4jOpThreadsTest}'s child JVMs: sets ND4J's OpenMP threads and OpenBLAS's threads to 2 on the main
 * thread, runs two forward passes of a fused LSTM and softmax there, and prints "openmp before=B after=A" and "openblas
 * before=B after=A", the threads ND4J's ops would take on that thread and OpenBLAS's, before and after the passes.
 */
public final class OpenMpProbe {

    private OpenMpProbe() {
    }

    /** Takes no arguments. */
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .seed(3)
                .list()
                .layer(new Lstm.Builder().nIn(4).nOut(5).build())
                .layer(new SoftmaxCrossEntropyOutput.Builder().nIn(5).nOut(3).build())
                .build());
        net.init();
        Nd4j.getExecutioner();
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(2);
        Nd4j.factory().blas().setMaxThreads(2);
        int before = ops.ompGetMaxThreads();
        int blasBefore = Nd4j.factory().blas().getMaxThreads();
        net.output(Nd4j.rand(DataType.FLOAT, 2, 4, 3));
        net.output(Nd4j.rand(DataType.FLOAT, 2, 4, 3));
        System.out.println("openmp before=" + before + " after=" + ops.ompGetMaxThreads());
        System.out.println("openblas before=" + blasBefore + " after=" + Nd4j.factory().blas().getMaxThreads());
    }
}
