package io.rnnkit.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.benchmarks.BenchmarkConfig;
import io.rnnkit.benchmarks.BenchmarkPeer;
import io.rnnkit.benchmarks.dl4j.Dl4jPeer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MemoryRunnerTest {

    @Test
    void theChildCommandIsThisJvmsJavaFlagsAndClasspath() {
        List<String> command = ChildJvm.command(MemoryProbeMain.class, List.of("x"));
        assertThat(command.get(0)).endsWith("java");
        assertThat(command).containsSequence("-cp", System.getProperty("java.class.path"),
                MemoryProbeMain.class.getName(), "x");
        assertThat(command).anyMatch(flag -> flag.startsWith("--add-modules"));
    }

    /** One real child per peer on config C; asserts a figure exists, never its size. */
    @Test
    @Tag("slow")
    void eachPeerGetsItsOwnFigureFromAChildJvm() throws Exception {
        List<BenchmarkPeer> peers = List.of(Dl4jPeer.rnnkit(), Dl4jPeer.stock());
        MemoryReport report = new MemoryRunner(peers, Duration.ofMinutes(3)).run(List.of(BenchmarkConfig.C), 1, 1);
        // rnnkit: SimpleRnn, LSTM, GRU; stock DL4J: SimpleRnn, LSTM.
        assertThat(report.rows()).hasSize(5);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.error()).as(row.peer() + " " + row.workload().describe()).isNull();
            assertThat(row.peakRssMb()).isPositive().isFinite();
        });
    }

    @Test
    void aFailingChildGivesAOneLineError() throws Exception {
        ChildJvm child = new ChildJvm(Duration.ofMinutes(1));
        try {
            child.run(MemoryProbeMain.class, List.of("no such peer", "C", "LSTM", "1", "1"));
            throw new AssertionError("the child should have failed");
        } catch (java.io.IOException e) {
            assertThat(e.getMessage()).startsWith("child JVM exited 1: memory probe")
                    .contains("no peer named 'no such peer'").doesNotContain("\n");
        }
    }
}
