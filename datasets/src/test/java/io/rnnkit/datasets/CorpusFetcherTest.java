package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class CorpusFetcherTest {

    @TempDir
    Path temp;

    private Path shared;
    private HttpServer server;
    private CorpusStore store;
    private CorpusFetcher fetcher;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        shared = SharedData.requireServableDirectory();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        store = new CorpusStore(DataDirectory.of(temp.resolve("data")), new VerificationCache(temp.resolve("cache")));
        fetcher = CorpusFetcher.create(store)
                .withBaseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mirror"));
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void downloadsVerifiesAndReportsProgress() throws Exception {
        serve("/mirror/timemachine.txt", Files.readAllBytes(shared.resolve("timemachine/timemachine.txt")), false);
        AtomicLong lastBytes = new AtomicLong();
        AtomicLong lastTotal = new AtomicLong();

        List<Path> paths = fetcher.fetch(Corpus.TIMEMACHINE, (name, read, total) -> {
            assertThat(name).isEqualTo("timemachine.txt");
            lastBytes.set(read);
            lastTotal.set(total);
        });

        Path target = temp.resolve("data/timemachine/timemachine.txt");
        assertThat(paths).containsExactly(target);
        assertThat(Sha256.of(target)).isEqualTo(Corpus.TIMEMACHINE.files().get(0).sha256());
        assertThat(lastBytes.get()).isEqualTo(178_979);
        assertThat(lastTotal.get()).isEqualTo(178_979);
        assertThat(store.status(Corpus.TIMEMACHINE, false)).isEqualTo(CorpusStatus.VERIFIED);
        assertThat(leftoverTempFiles()).isEmpty();

        // A verified corpus is not downloaded again.
        fetcher.fetch(Corpus.TIMEMACHINE, DownloadProgress.NONE);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void extractsThePtbFilesFromTheZipArchive() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (String name : new String[] {"ptb.train.txt", "ptb.valid.txt", "ptb.test.txt"}) {
                out.putNextEntry(new ZipEntry("ptb/" + name));
                out.write(Files.readAllBytes(shared.resolve("ptb/" + name)));
                out.closeEntry();
            }
        }
        serve("/mirror/ptb.zip", zip.toByteArray(), false);

        fetcher.fetch(Corpus.PTB, DownloadProgress.NONE);

        assertThat(store.status(Corpus.PTB, true)).isEqualTo(CorpusStatus.VERIFIED);
        assertThat(Files.size(temp.resolve("data/ptb/ptb.train.txt"))).isEqualTo(5_101_618);
        assertThat(leftoverTempFiles()).isEmpty();
        assertThat(Files.exists(temp.resolve("data/ptb.zip"))).isFalse();
    }

    @Test
    void wrongChecksumIsDiscardedAndLeavesTheOldFileAlone() throws Exception {
        byte[] bytes = Files.readAllBytes(shared.resolve("tinyshakespeare/input.txt"));
        bytes[500_000] ^= 0x20;
        serve("/mirror/input.txt", bytes, false);
        Path target = temp.resolve("data/tinyshakespeare/input.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "an old, damaged copy");

        assertThatThrownBy(() -> fetcher.fetch(Corpus.SHAKESPEARE, DownloadProgress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/mirror/input.txt: sha256 mismatch for tinyshakespeare/input.txt (expected "
                        + "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed, got ")
                .hasMessageEndingWith("the download was discarded");

        assertThat(Files.readString(target)).isEqualTo("an old, damaged copy");
        assertThat(store.status(Corpus.SHAKESPEARE, true)).isEqualTo(CorpusStatus.CORRUPT);
        assertThat(leftoverTempFiles()).isEmpty();
    }

    @Test
    void connectionCutMidFileLeavesNothingBehind() throws Exception {
        serve("/mirror/synthetic_control.data", Files.readAllBytes(shared.resolve("synthetic_control/synthetic_control.data")), true);

        assertThatThrownBy(() -> fetcher.fetch(Corpus.UCI, DownloadProgress.NONE)).isInstanceOf(IOException.class);

        assertThat(store.status(Corpus.UCI, true)).isEqualTo(CorpusStatus.MISSING);
        assertThat(leftoverTempFiles()).isEmpty();
    }

    @Test
    void httpErrorIsReported() {
        assertThatThrownBy(() -> fetcher.fetch(Corpus.TIMEMACHINE, DownloadProgress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageEndingWith("/mirror/timemachine.txt: HTTP status 404");
        assertThat(store.status(Corpus.TIMEMACHINE, true)).isEqualTo(CorpusStatus.MISSING);
    }

    @Test
    void defaultSourcesAreThePublicHomes() {
        CorpusFetcher publicFetcher = CorpusFetcher.create(store);
        assertThat(publicFetcher.sourceOf(Corpus.PTB)).hasToString("http://d2l-data.s3-accelerate.amazonaws.com/ptb.zip");
        assertThat(fetcher.sourceOf(Corpus.UCI).getPath()).isEqualTo("/mirror/synthetic_control.data");
    }

    /** Serves {@code body}; with {@code cut} it announces the full length but closes the connection halfway. */
    private void serve(String path, byte[] body, boolean cut) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            respond(exchange, body, cut);
        });
    }

    private static void respond(HttpExchange exchange, byte[] body, boolean cut) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        if (cut) {
            out.write(body, 0, body.length / 2);
            out.flush();
            exchange.close();
            return;
        }
        out.write(body);
        out.close();
    }

    private List<Path> leftoverTempFiles() throws IOException {
        if (!Files.exists(temp.resolve("data"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(temp.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
