package io.rnnkit.distributed;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.parallel.SparkFitterProvider;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.TrainingConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Connects to the Spark master an {@link ExecutionConfig} names and trains there with DL4J's
 * {@link ParameterAveragingTrainingMaster} (the default) or {@link SharedTrainingMaster} (gradient
 * sharing over the parameter server's UDP transport). Registered as a {@link SparkFitterProvider} service.
 */
public final class SparkFitters implements SparkFitterProvider {

    private static final int PREFETCH_BATCHES = 2;
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * DL4J's parameter server gives Aeron a 30 s client liveness timeout, and Aeron 1.39 refuses to start
     * unless the publication unblock timeout (15 s by default) is longer.
     */
    static final String AERON_UNBLOCK_TIMEOUT = "aeron.publication.unblock.timeout";
    static final String AERON_UNBLOCK_TIMEOUT_NANOS = "60000000000";
    /** What an executor JVM needs beyond Spark's own flags: the Vector API of rnnkit's kernels, Aeron's timeout. */
    static final String EXECUTOR_JAVA_OPTIONS = "--add-modules jdk.incubator.vector,jdk.incubator.foreign "
            + "--enable-native-access=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false "
            + "-D" + AERON_UNBLOCK_TIMEOUT + "=" + AERON_UNBLOCK_TIMEOUT_NANOS;

    @Override
    public EpochFitter create(ExecutionConfig execution, TrainingConfig training, String applicationName) {
        if (!execution.onSpark()) {
            throw new IllegalArgumentException("no Spark master in " + execution);
        }
        if (execution.sparkIsLocal() && execution.synchronization() == ExecutionConfig.Synchronization.SHARING) {
            throw new UserInputException("--sync sharing: DL4J's gradient-sharing transport cannot run a second Spark "
                    + "job inside one JVM (its worker rebinds a UDP port still in use), so it needs workers on separate "
                    + "machines; "
                    + "use --sync averaging with " + execution.sparkMaster());
        }
        if (execution.synchronization() == ExecutionConfig.Synchronization.SHARING
                && masterOnLoopback(execution.sparkMaster())) {
            throw new UserInputException("--sync sharing: DL4J's gradient-sharing transport tells nodes apart by IP "
                    + "address, and every executor of a cluster on one machine has the same one (each made itself the "
                    + "root at 127.0.0.1 and shared nothing), so it needs workers on separate machines; "
                    + "use --sync averaging with " + execution.sparkMaster());
        }
        JavaSparkContext context = new JavaSparkContext(sparkConf(execution, applicationName));
        return new SparkEpochFitter(context, batchSize -> trainingMaster(execution, training.seed(), batchSize));
    }

    /** Whether a standalone master URL ({@code spark://host:port}) names this machine's loopback address. */
    static boolean masterOnLoopback(String master) {
        if (!master.startsWith("spark://")) {
            return false;
        }
        String host = master.substring("spark://".length()).replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.");
    }

    /**
     * The Spark settings: a local master keeps everything on loopback and starts no web UI. On a cluster,
     * unless spark-submit (or the user's {@code spark.*} system properties) already set them, the
     * executors get the jar this driver runs from and the JVM flags rnnkit's layers need.
     */
    static SparkConf sparkConf(ExecutionConfig execution, String applicationName) {
        SparkConf conf = new SparkConf().setAppName(applicationName).setMaster(execution.sparkMaster());
        if (execution.sparkIsLocal()) {
            conf.set("spark.ui.enabled", "false")
                    .set("spark.driver.host", LOOPBACK)
                    .set("spark.driver.bindAddress", LOOPBACK);
            return conf;
        }
        conf.setIfMissing("spark.executor.extraJavaOptions", EXECUTOR_JAVA_OPTIONS);
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        runningJar().ifPresent(jar -> conf.setIfMissing("spark.jars", jar));
        return conf;
    }

    /** The jar this JVM runs rnnkit from, if it runs from one (not from class directories, as tests do). */
    private static Optional<String> runningJar() {
        try {
            Path source = Path.of(SparkFitters.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
            return source.toString().endsWith(".jar") ? Optional.of(source.toString())
                    : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The training master. Both kinds get their batches straight from the job ({@code Direct}): DL4J's
     * default exports them to the default file system first, which it refuses on a cluster without HDFS.
     */
    static TrainingMaster<?, ?> trainingMaster(ExecutionConfig execution, long seed, int batchSize) {
        return switch (execution.synchronization()) {
            case AVERAGING -> new ParameterAveragingTrainingMaster.Builder(batchSize)
                    .batchSizePerWorker(batchSize)
                    .averagingFrequency(execution.averagingFrequency())
                    .workerPrefetchNumBatches(PREFETCH_BATCHES)
                    .saveUpdater(true)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .rngSeed(seed)
                    .build();
            case SHARING -> sharedTrainingMaster(execution, seed, batchSize);
        };
    }

    private static TrainingMaster<?, ?> sharedTrainingMaster(ExecutionConfig execution, long seed, int batchSize) {
        if (System.getProperty(AERON_UNBLOCK_TIMEOUT) == null) {
            System.setProperty(AERON_UNBLOCK_TIMEOUT, AERON_UNBLOCK_TIMEOUT_NANOS);
        }
        return new SharedTrainingMaster.Builder(parameterServer(execution), batchSize)
                .batchSizePerWorker(batchSize)
                .workersPerNode(1)
                .workerPrefetchNumBatches(PREFETCH_BATCHES)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed)
                .build();
    }

    /** The parameter server's transport: loopback for a local master, else the network the user names. */
    private static VoidConfiguration parameterServer(ExecutionConfig execution) {
        VoidConfiguration.VoidConfigurationBuilder builder = VoidConfiguration.builder()
                .unicastPort(execution.sparkPort());
        if (execution.sparkIsLocal()) {
            builder.controllerAddress(LOOPBACK).networkMask("127.0.0.0/8");
        } else if (!execution.sparkNetworkMask().isEmpty()) {
            builder.networkMask(execution.sparkNetworkMask());
        }
        return builder.build();
    }
}
