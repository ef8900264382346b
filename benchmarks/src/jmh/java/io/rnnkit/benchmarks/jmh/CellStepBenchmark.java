package io.rnnkit.benchmarks.jmh;

import io.rnnkit.models.layers.Gru;
import io.rnnkit.models.layers.Lstm;
import io.rnnkit.models.layers.SimpleRnn;
import io.rnnkit.models.layers.SingleStreamStepper;
import io.rnnkit.models.layers.output.SoftmaxCrossEntropyOutput;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmark of one recurrent cell step for a single sequence (config D's unit of work): a
 * 256-unit rnnkit layer over 65 one-hot symbols and its softmax, stepped by {@link SingleStreamStepper}
 * or by {@code MultiLayerNetwork.rnnTimeStep}. Built with {@code -Pjmh}; the module's
 * RESULTS.md gives the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class CellStepBenchmark {

    private static final int SYMBOLS = 65;

    /** The rnnkit cell under test. */
    @Param({"SimpleRnn", "LSTM", "GRU"})
    public String cell;

    /** Hidden units. */
    @Param({"256"})
    public int hidden;

    private MultiLayerNetwork network;
    private SingleStreamStepper stepper;
    private INDArray oneHot;
    private int symbol;

    /** Builds the network, its stepper and a one-hot input [1, 65]. */
    @Setup
    public void setUp() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list();
        list.layer(recurrentLayer());
        list.layer(new SoftmaxCrossEntropyOutput.Builder().nIn(hidden).nOut(SYMBOLS).build());
        network = new MultiLayerNetwork(list.build());
        network.init();
        stepper = SingleStreamStepper.tryCompile(network).orElseThrow();
        oneHot = Nd4j.zeros(DataType.FLOAT, 1, SYMBOLS);
        oneHot.putScalar(0, 3, 1f);
    }

    private Layer recurrentLayer() {
        return switch (cell) {
            case "SimpleRnn" -> new SimpleRnn.Builder().nIn(SYMBOLS).nOut(hidden).build();
            case "LSTM" -> new Lstm.Builder().nIn(SYMBOLS).nOut(hidden).build();
            case "GRU" -> new Gru.Builder().nIn(SYMBOLS).nOut(hidden).build();
            default -> throw new IllegalArgumentException("cell must be SimpleRnn, LSTM or GRU, got " + cell);
        };
    }

    /** One step on the heap: the input row, the recurrent mat-vec, the gate math and the softmax. */
    @Benchmark
    public double[] heapStep() {
        symbol = (symbol + 7) % SYMBOLS;
        return stepper.step(symbol);
    }

    /** The same step through DL4J's {@code rnnTimeStep}, state carried in the network. */
    @Benchmark
    public INDArray rnnTimeStep() {
        return network.rnnTimeStep(oneHot);
    }
}
