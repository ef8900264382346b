package io.rnnkit.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The Spark settings and refusals that need no running cluster. */
class SparkFittersTest {

    private static ExecutionConfig spark(String master, ExecutionConfig.Synchronization sync) {
        return new ExecutionConfig(1, master, sync, 5, "", 40123);
    }

    @Test
    void gradientSharingIsRefusedOnAClusterOfOneMachineWithTheCause() {
        TrainingConfig training = TrainingConfig.basic(1, Optimizer.ADAM, 0.01, 42);

        assertThatThrownBy(() -> new SparkFitters().create(spark("spark://127.0.0.1:7077",
                ExecutionConfig.Synchronization.SHARING), training, "rnnkit test"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--sync sharing: DL4J's gradient-sharing transport tells nodes apart by IP")
                .hasMessageContaining("root at 127.0.0.1")
                .hasMessageEndingWith("use --sync averaging with spark://127.0.0.1:7077");
    }

    @Test
    void onlyLoopbackStandaloneMastersCountAsOneMachine() {
        assertThat(SparkFitters.masterOnLoopback("spark://127.0.0.1:7077")).isTrue();
        assertThat(SparkFitters.masterOnLoopback("spark://localhost:7077")).isTrue();
        assertThat(SparkFitters.masterOnLoopback("spark://head:7077")).isFalse();
        assertThat(SparkFitters.masterOnLoopback("spark://10.0.0.5:7077")).isFalse();
        assertThat(SparkFitters.masterOnLoopback("local[2]")).isFalse();
    }

    @Test
    void clusterExecutorsGetRnnkitsJvmFlagsUnlessTheUserSetTheirOwn() {
        SparkConf cluster = SparkFitters.sparkConf(spark("spark://head:7077",
                ExecutionConfig.Synchronization.AVERAGING), "rnnkit test");
        assertThat(cluster.get("spark.executor.extraJavaOptions"))
                .contains("--add-modules jdk.incubator.vector", "-Daeron.publication.unblock.timeout=60000000000");
        assertThat(cluster.get("spark.executorEnv.OMP_NUM_THREADS")).isEqualTo("1");

        System.setProperty("spark.executor.extraJavaOptions", "-Dmine=1");
        try {
            assertThat(SparkFitters.sparkConf(spark("spark://head:7077", ExecutionConfig.Synchronization.AVERAGING),
                    "rnnkit test").get("spark.executor.extraJavaOptions")).isEqualTo("-Dmine=1");
        } finally {
            System.clearProperty("spark.executor.extraJavaOptions");
        }
        SparkConf local = SparkFitters.sparkConf(spark("local[2]", ExecutionConfig.Synchronization.AVERAGING),
                "rnnkit test");
        assertThat(local.contains("spark.executor.extraJavaOptions")).isFalse();
        assertThat(local.get("spark.driver.host")).isEqualTo("127.0.0.1");
    }
}
