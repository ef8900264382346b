package io.rnnkit.models;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Nd4jOpThreadsTest {

    @Test
    void anEnvironmentValueCountsAsAChoiceOnlyWhenNotBlank() {
        assertThat(Nd4jOpThreads.isSet(null)).isFalse();
        assertThat(Nd4jOpThreads.isSet("")).isFalse();
        assertThat(Nd4jOpThreads.isSet("  ")).isFalse();
        assertThat(Nd4jOpThreads.isSet("1")).isTrue();
        assertThat(Nd4jOpThreads.isSet("4")).isTrue();
    }

    @Test
    void theLogCountsThreadsInWords() {
        assertThat(Nd4jOpThreads.threadCount(1)).isEqualTo("1 thread");
        assertThat(Nd4jOpThreads.threadCount(2)).isEqualTo("2 threads");
    }

    /** With OMP_NUM_THREADS unset, the layers' first pass takes ND4J's ops and OpenBLAS to 1 thread, and logs it. */
    @Test
    void aFusedPassTakesNd4jAndOpenBlasToOneThreadWhenOmpNumThreadsIsUnset() throws Exception {
        String log = runProbe(null);
        assertThat(log).contains("openmp before=2 after=1").contains("openblas before=2 after=1");
        assertThat(log.split("ND4J's own ops run on 1 OpenMP thread", -1)).as(log).hasSize(2);
        assertThat(log).contains("Set OMP_NUM_THREADS");
    }

    @Test
    void aSetOmpNumThreadsIsLeftAsTheUserChoseIt() throws Exception {
        String log = runProbe("2");
        assertThat(log).contains("openmp before=2 after=2").contains("openblas before=2 after=2")
                .doesNotContain("ND4J's own ops run on 1");
    }

    /** Runs {@link OpenMpProbe} in a child JVM with OMP_NUM_THREADS removed, or set to {@code ompNumThreads}. */
    private static String runProbe(String ompNumThreads) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-") || argument.startsWith("-D")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), OpenMpProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(Nd4jOpThreads.OPENMP_VARIABLE);
        if (ompNumThreads != null) {
            builder.environment().put(Nd4jOpThreads.OPENMP_VARIABLE, ompNumThreads);
        }
        Process child = builder.start();
        String log = new String(child.getInputStream().readAllBytes(), UTF_8);
        assertThat(child.waitFor()).as(log).isZero();
        return log;
    }
}
