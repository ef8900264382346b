package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.apps.RnnkitCliTest.Result;
import io.rnnkit.apps.ui.TrainingUiServer;
import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DL4J's UI server as rnnkit starts it: loopback only by default, and a taken port is a one-line user error. */
class TrainingUiServerTest {

    @TempDir
    Path dir;

    @Test
    void listensOnLoopbackOnly() throws Exception {
        int port = TrainingUiInBrowserTest.freePort();
        try (TrainingUiServer server = TrainingUiServer.start(TrainingUiServer.DEFAULT_ADDRESS, port, "--ui")) {
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + port + "/train/overview");
            try (Socket loopback = new Socket("127.0.0.1", port)) {
                assertThat(loopback.isConnected()).isTrue();
            }
            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(outside.get(), port), 2000);
                    }
                }).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aTakenPortIsAUserError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> TrainingUiServer.start("127.0.0.1", taken.getLocalPort(), "--port"))
                    .isInstanceOf(UserInputException.class)
                    .hasMessageStartingWith("--port: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageEndingWith("choose another port with --port PORT");
        }
    }

    @Test
    void trainWithATakenPortPrintsOneLineExitsWith2AndWritesNothing() throws IOException {
        Path run = dir.resolve("waves");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result result = RnnkitCliTest.run("train", "waves", "--ui", Integer.toString(taken.getLocalPort()),
                    "--out", run.toString());

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err().strip()).doesNotContain("\n")
                    .startsWith("rnnkit: --ui: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .endsWith("choose another port with --ui PORT");
            assertThat(Files.exists(run)).isFalse();
        }
    }

    @Test
    void portOutOfRangeIsAUserError() {
        Result result = RnnkitCliTest.run("train", "waves", "--ui", "70000", "--out", dir.resolve("w").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("rnnkit: --ui: port must be 1-65535, got 70000");
    }

    @Test
    void uiOfADirectoryWithoutStatsIsAUserError() throws IOException {
        Path run = Files.createDirectories(dir.resolve("plain"));

        Result result = RnnkitCliTest.run("ui", run.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("has no ui-stats.dl4j");
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(network -> {
            try {
                return network.isUp() && !network.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address)
                .findFirst();
    }
}
