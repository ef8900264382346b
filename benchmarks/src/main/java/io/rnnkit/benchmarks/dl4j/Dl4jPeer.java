package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.StepBenchmark;
import io.rnnkit.benchmarks.Workload;
import io.rnnkit.benchmarks.threads.ThreadPolicy;
import java.util.Optional;

/** A peer whose networks are DL4J {@code MultiLayerNetwork}s built from a {@link RecurrentLayerFactory}. */
public class Dl4jPeer implements BenchmarkPeer {

    private final String name;
    private final RecurrentLayerFactory factory;
    private final ThreadPolicy threadPolicy;

    /**
     * A peer named {@code name} that builds its recurrent layers with {@code factory};
     * {@code threadPolicy} says which library gets a row's threads.
     */
    public Dl4jPeer(String name, RecurrentLayerFactory factory, ThreadPolicy threadPolicy) {
        this.name = name;
        this.factory = factory;
        this.threadPolicy = threadPolicy;
    }

    /** Stock DL4J: {@code LSTM} and {@code recurrent.SimpleRnn}; there is no DL4J GRU. */
    public static Dl4jPeer stock() {
        return new Dl4jPeer("DL4J stock", new StockLayerFactory(), ThreadPolicy.ND4J_OPENMP);
    }

    /** rnnkit's own fused layers from {@code io.rnnkit.models.layers}. */
    public static Dl4jPeer rnnkit() {
        return new Dl4jPeer("rnnkit", new RnnkitLayerFactory(), ThreadPolicy.RNNKIT_POOL);
    }

    /**
     * Diagnostic: DL4J's 10k-way {@code RnnOutputLayer} alone, on configs A and B, showing how much
     * of a full step the output layer takes by itself.
     */
    public static BenchmarkPeer outputLayerOnly() {
        return new OutputLayerOnlyPeer();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String useThreads(int threads) {
        return threadPolicy.apply(threads);
    }

    @Override
    public boolean leavesThreadsRunning(int threads) {
        return threadPolicy.leavesThreadsRunning(threads);
    }

    @Override
    public Optional<StepBenchmark> create(Workload workload, long seed) {
        if (factory.create(workload.cell(), 1, 1).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (workload.kind()) {
            case TRAINING -> new Dl4jTrainingStep(workload, () -> Dl4jNetworks.build(workload, factory, seed), seed);
            case SAMPLING -> new Dl4jSamplingStep(workload, factory, seed);
            case INFERENCE -> new Dl4jInferenceStep(workload, factory, seed);
        });
    }
}
