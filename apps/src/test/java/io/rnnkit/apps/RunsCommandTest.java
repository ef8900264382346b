package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {

    @TempDir
    Path runs;

    private Path run(String name, String task, int epochsDone) throws IOException {
        Path run = Files.createDirectories(runs.resolve(name));
        Files.writeString(run.resolve("run.properties"), "task=" + task + "\ntrain.epochs=5\n");
        StringBuilder csv = new StringBuilder("epoch,step,lr,train_loss,validation_metric,seconds,items_per_second\n");
        for (int epoch = 1; epoch <= epochsDone; epoch++) {
            csv.append(epoch).append(",10,0.1,1.0,").append(0.5 + epoch / 10.0).append(',').append(epoch * 12.0)
                    .append(",100\n");
        }
        Files.writeString(run.resolve("metrics.csv"), csv);
        return run;
    }

    @Test
    void listsEachRunWithItsStatusAndChangesNothing() throws IOException {
        Path finished = run("a-finished", "waves", 5);
        Files.writeString(finished.resolve("summary.json"),
                "{\"metric\":\"accuracy\",\"value\":0.9983,\"wallSeconds\":61.4}");
        run("b-stopped", "uci", 2);
        Files.writeString(run("c-diverged", "ptb", 1).resolve("diverged.txt"), "training diverged: loss is NaN\n");
        Files.writeString(run("d-running", "char-lm", 3).resolve("running.pid"), ProcessHandle.current().pid() + "\n");
        Files.writeString(run("e-dead", "sin-next", 4).resolve("running.pid"), "999999999\n");
        Files.createDirectories(runs.resolve("not-a-run"));
        Map<Path, Long> before = snapshot();

        Result result = RnnkitCliTest.run("runs", runs.toString());

        assertThat(result.status()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("waves").contains("finished").contains("5/5")
                .contains("test accuracy 0.9983").endsWith("61 s");
        assertThat(lines.get(1)).contains("uci").contains("stopped").contains("2/5")
                .contains("validation 0.7000").endsWith("24 s");
        assertThat(lines.get(2)).contains("ptb").contains("diverged").contains("1/5");
        assertThat(lines.get(3)).contains("char-lm").contains("running").contains("3/5");
        assertThat(lines.get(4)).contains("sin-next").contains("stopped").contains("4/5");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void missingDirectoryIsAUserError() {
        Result result = RnnkitCliTest.run("runs", runs.resolve("nope").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("rnnkit: runs: " + runs.resolve("nope") + " is not a directory");
    }

    private Map<Path, Long> snapshot() throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(runs)) {
            for (Path path : all.toList()) {
                files.put(path, Files.getLastModifiedTime(path).toMillis() * 31 + (Files.isRegularFile(path)
                        ? Files.size(path) : -1));
            }
        }
        return files;
    }
}
