package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.apps.ui.RunStats;
import io.rnnkit.apps.ui.TrainingUiServer;
import io.rnnkit.core.train.Trainer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/**
 * A short run with {@code --ui}: DL4J's overview page, loaded in headless Chromium while it trains, draws the
 * score chart from points the UI's own JSON endpoint has; afterwards the stats file shows the run again.
 */
@Tag("slow")
class TrainingUiInBrowserTest {

    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void overviewPageShowsTheScoreChartWhileTrainingAndTheStatsFileShowsItAfterwards() throws Exception {
        Path chromium = ReportInBrowserTest.chromium();
        int port = freePort();
        Path run = dir.resolve("sin-next");
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        CommandLine.IFactory capturing = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K command = CommandLine.defaultFactory().create(type);
                if (command instanceof TrainCommand train) {
                    train.beforeTraining = (running, network) -> trainer.set(running);
                }
                return command;
            }
        };
        CompletableFuture<Result> training = CompletableFuture.supplyAsync(() -> RnnkitCliTest.run(capturing,
                "train", "sin-next", "--epochs", "500", "--ui", Integer.toString(port), "--out", run.toString()));
        try {
            JsonNode overview = awaitScores("http://127.0.0.1:" + port + "/train/overview/data", training);
            assertThat(overview.get("scores").size()).isPositive();

            try (HeadlessChromium browser = HeadlessChromium.start(chromium, dir)) {
                browser.load("http://127.0.0.1:" + port + "/train/overview");
                assertThat(awaitTrue(browser, "document.querySelector('#scoreiterchart canvas.flot-base') !== null"
                        + " && document.getElementById('modelType').textContent === 'MultiLayerNetwork'"))
                        .as("score chart drawn; page problems: %s", browser.problems()).isTrue();
                assertThat(HeadlessChromium.greyLevelSpread(browser.screenshot())).isGreaterThan(20);
            }
        } finally {
            Trainer running = awaitTrainer(trainer);
            if (running != null) {
                running.requestStop();
            }
        }
        Result stopped = training.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(stopped.status()).as(stopped.err()).isEqualTo(TrainCommand.EXIT_INTERRUPTED);
        assertThat(stopped.err()).contains("DL4J training UI at http://127.0.0.1:" + port + "/train/overview");
        assertThat(run.resolve("report.html")).isRegularFile();

        // What 'rnnkit ui DIR' serves: the finished run's stats file.
        int laterPort = freePort();
        try (RunStats stats = RunStats.open(run);
             TrainingUiServer server = TrainingUiServer.start(TrainingUiServer.DEFAULT_ADDRESS, laterPort, "--port")) {
            server.attach(stats.storage());
            assertThat(get("http://127.0.0.1:" + laterPort + "/train/overview/data").get("scores").size())
                    .isPositive();
        }
    }

    private static JsonNode awaitScores(String url, CompletableFuture<Result> training) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (training.isDone()) {
                throw new AssertionError("training ended before the UI showed a score: " + training.get().err());
            }
            try {
                JsonNode overview = get(url);
                if (overview.path("scores").size() > 0) {
                    return overview;
                }
            } catch (IOException notListeningYet) {
                // The server starts with the run; try again.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no score reached " + url + " within " + WAIT_SECONDS + " s");
    }

    private static boolean awaitTrue(HeadlessChromium browser, String expression) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (browser.evaluate(expression).asBoolean()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static Trainer awaitTrainer(AtomicReference<Trainer> trainer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (trainer.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return trainer.get();
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return new ObjectMapper().readTree(response.body());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
