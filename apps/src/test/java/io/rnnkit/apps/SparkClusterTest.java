package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a real Spark standalone cluster on 127.0.0.1 ({@code scripts/spark-cluster.sh}): a master
 * and two workers, each a separate JVM, whose executors run from this test's classpath while this JVM is
 * the driver. Addition reaches the single-machine floor (every held-out sum right in at least 99% of
 * cases) with executors on both workers, char-lm learns from batches the executors read themselves
 * ({@code --spark-data}), still reaches it after one worker is killed with {@code kill -9}
 * mid-training (Spark reschedules the lost tasks on the other), and stopping the cluster leaves no process.
 */
@Tag("slow")
class SparkClusterTest {

    private static final Pattern ACCURACY = Pattern.compile("addition: test accuracy (\\d+\\.\\d+)");
    private static final Pattern PERPLEXITY = Pattern.compile("char-lm: test perplexity (\\d+\\.\\d+)");
    /** Nine words in random order: a model that learnt them scores far below the uniform guess over its 19 symbols. */
    private static final double CHAR_LM_PERPLEXITY_CEILING = 6.0;
    private static final Path SCRIPT = Path.of("..", "scripts", "spark-cluster.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void additionLearnsOnTwoWorkersAndStoppingLeavesNoProcess() throws Exception {
        Path out = dir.resolve("addition");
        try (Cluster cluster = Cluster.start(dir.resolve("cluster"))) {
            assertThat(cluster.processes()).as("master and two workers").hasSize(3);

            assertThat(trainAddition(cluster, out, 3)).isGreaterThanOrEqualTo(0.99);
            assertThat(cluster.executorsRan(1)).isTrue();
            assertThat(cluster.executorsRan(2)).isTrue();
            assertThat(trainCharLmFromSharedData(cluster)).isLessThan(CHAR_LM_PERPLEXITY_CEILING);
        }
        assertThat(Cluster.processesOf(dir.resolve("cluster"))).as("processes left after stop").isEmpty();
        assertThat(Files.readString(out.resolve(RunPlan.FILE_NAME))).contains("exec.spark=spark\\://127.0.0.1\\:");
    }

    @Test
    void aWorkerKilledMidTrainingIsReplacedAndTheRunReachesTheFloor() throws Exception {
        Path out = dir.resolve("addition");
        try (Cluster cluster = Cluster.start(dir.resolve("cluster"))) {
            CompletableFuture<Double> accuracy = CompletableFuture.supplyAsync(() -> trainAddition(cluster, out, 5));
            waitFor(() -> epochsWritten(out) >= 1 && cluster.executorsRan(1), accuracy);
            assertThat(accuracy).as("killed mid-training").isNotDone();
            long killed = cluster.killWorker(1);

            assertThat(accuracy.get(10, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(0.99);
            assertThat(cluster.processes()).extracting(ProcessHandle::pid).doesNotContain(killed);
            assertThat(epochsWritten(out)).isEqualTo(5);
        }
        assertThat(Cluster.processesOf(dir.resolve("cluster"))).as("processes left after stop").isEmpty();
    }

    private static double trainAddition(Cluster cluster, Path out, int epochs) {
        Result result = RnnkitCliTest.run("train", "addition", "--spark", cluster.masterUrl(), "--epochs",
                Integer.toString(epochs), "--out", out.toString());
        assertThat(result.status()).as(result.err()).isZero();
        Matcher accuracy = ACCURACY.matcher(result.out());
        assertThat(accuracy.find()).as(result.out()).isTrue();
        return Double.parseDouble(accuracy.group(1));
    }

    /**
     * char-lm with its corpus encoded into a shared directory: the jobs carry only recipes (a path and row starts),
     * so the executors, separate JVMs, can only have trained by reading their batches from that file.
     */
    private double trainCharLmFromSharedData(Cluster cluster) throws IOException {
        String[] words = {"time", "machine", "traveller", "the", "of", "and", "psychologist", "medical", "man"};
        Random random = new Random(3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 60_000) {
            text.append(words[random.nextInt(words.length)]).append(' ');
        }
        Path corpus = Files.writeString(dir.resolve("words.txt"), text);
        Path shared = dir.resolve("shared");
        Path out = dir.resolve("char-lm");
        Result result = RnnkitCliTest.run("train", "char-lm", "--corpus", corpus.toString(), "--spark", cluster.masterUrl(),
                "--spark-data", shared.toString(), "--stateful", "false", "--epochs", "2", "--hidden", "32",
                "--batch", "8", "--out", out.toString());
        assertThat(result.status()).as(result.err()).isZero();
        try (Stream<Path> files = Files.list(shared)) {
            assertThat(files.map(file -> file.getFileName().toString())).singleElement().asString().endsWith(".ids");
        }
        Matcher perplexity = PERPLEXITY.matcher(result.out());
        assertThat(perplexity.find()).as(result.out()).isTrue();
        return Double.parseDouble(perplexity.group(1));
    }

    private static long epochsWritten(Path out) {
        try (Stream<String> lines = Files.lines(out.resolve("metrics.csv"))) {
            return lines.count() - 1;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void waitFor(BooleanSupplier condition, CompletableFuture<?> run)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.getAsBoolean() && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** A cluster started by the script, with its processes found by the directory in their command lines. */
    private record Cluster(Path dir, String masterUrl) implements AutoCloseable {

        static Cluster start(Path dir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String url = script(dir, "start", "--workers", "2", "--port", Integer.toString(port)).strip();
            assertThat(url).isEqualTo("spark://127.0.0.1:" + port);
            return new Cluster(dir, url);
        }

        List<ProcessHandle> processes() {
            return processesOf(dir);
        }

        static List<ProcessHandle> processesOf(Path dir) {
            return ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().orElse("").contains(dir.toString()))
                    .toList();
        }

        boolean executorsRan(int worker) {
            try (Stream<Path> apps = Files.list(dir.resolve("work").resolve("worker-" + worker))) {
                return apps.anyMatch(app -> app.getFileName().toString().startsWith("app-"));
            } catch (IOException e) {
                return false;
            }
        }

        long killWorker(int worker) throws IOException, InterruptedException {
            long pid = Long.parseLong(Files.readString(dir.resolve("pids").resolve("worker-" + worker)).strip());
            script(dir, "kill-worker", Integer.toString(worker));
            return pid;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            script(dir, "stop");
        }

        private static String script(Path dir, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
            command.addAll(List.of(args));
            command.addAll(List.of("--dir", dir.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("SPARK_CLUSTER_CLASSPATH", System.getProperty("java.class.path"));
            Path log = Files.createTempFile(dir.getParent(), "script", ".log");
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("spark-cluster.sh " + args[0]).isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        }
    }
}
