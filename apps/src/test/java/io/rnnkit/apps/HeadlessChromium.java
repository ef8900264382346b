package io.rnnkit.apps;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket from {@code java.net.http}): loads a
 * page, collects console errors, uncaught exceptions and failed loads, evaluates DOM expressions and takes
 * screenshots.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The chromium executable on the PATH, if the package is installed. */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser").flatMap(name -> Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))).filter(Files::isExecutable).findFirst();
    }

    /** Starts headless Chromium with a fresh profile under {@code workDir} and attaches to its blank page. */
    static HeadlessChromium start(Path executable, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1200,1600", "about:blank")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(profile, process);
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (pageSocket == null && System.nanoTime() < deadline) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : targets) {
                    if (target.path("type").asText().equals("page")) {
                        pageSocket = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    Thread.sleep(100);
                }
            }
            if (pageSocket == null) {
                throw new IOException("chromium opened no page target");
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            HeadlessChromium browser = new HeadlessChromium(process, socket);
            listener.browser = browser;
            browser.call("Page.enable", JSON.createObjectNode());
            browser.call("Runtime.enable", JSON.createObjectNode());
            browser.call("Log.enable", JSON.createObjectNode());
            return browser;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("cannot attach to chromium: " + e, e);
        }
    }

    private static int devToolsPort(Path profile, Process process) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with status " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium wrote no DevToolsActivePort within " + TIMEOUT_SECONDS + " s");
    }

    /** Opens {@code url} and waits for its load event. */
    void load(String url) throws Exception {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaitedEvents.put("Page.loadEventFired", loaded);
        ObjectNode params = JSON.createObjectNode().put("url", url);
        JsonNode navigated = call("Page.navigate", params);
        if (navigated.has("errorText")) {
            throw new IOException("cannot load " + url + ": " + navigated.get("errorText").asText());
        }
        loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Console errors, uncaught exceptions and failed loads seen so far. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The value of a JavaScript expression evaluated in the page. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("'" + expression + "' threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A screenshot of the page's viewport. */
    BufferedImage screenshot() throws Exception {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(shot.get("data").asText())));
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        JsonNode answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    problem("console." + type + ": " + params.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> problem("uncaught: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    problem("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
            default -> { }
        }
        CompletableFuture<JsonNode> awaited = awaitedEvents.remove(method);
        if (awaited != null) {
            awaited.complete(params);
        }
    }

    private synchronized void problem(String text) {
        problems.add(text);
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // Chromium's helpers (renderer, crash handler) may outlive the browser process and keep writing to the
        // profile, which then cannot be deleted with the test's temporary directory: end and await them too.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
            try {
                helper.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                helper.destroyForcibly();
            }
        }
    }

    /** Reassembles the DevTools messages, which may arrive in several frames, and hands them on. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    HeadlessChromium target = browser;
                    JsonNode message = JSON.readTree(text);
                    if (target != null) {
                        target.received(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable DevTools message", e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** The standard deviation of the screenshot's grey levels (0 for a blank page). */
    static double greyLevelSpread(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        long pixels = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += grey;
                squares += grey * grey;
            }
        }
        double mean = sum / pixels;
        return Math.sqrt(Math.max(0, squares / pixels - mean * mean));
    }
}
