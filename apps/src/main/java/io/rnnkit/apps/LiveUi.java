package io.rnnkit.apps;

import io.rnnkit.apps.ui.RunStats;
import io.rnnkit.apps.ui.TrainingUiServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;

/** DL4J's training UI for one train command: the server, and the stats listener writing into the run directory. */
final class LiveUi implements AutoCloseable {

    /** No UI: no listener, nothing to close. */
    static final LiveUi OFF = new LiveUi(null);

    private final TrainingUiServer server;
    private RunStats stats;

    private LiveUi(TrainingUiServer server) {
        this.server = server;
    }

    static LiveUi start(String address, int port) {
        return new LiveUi(TrainingUiServer.start(address, port, "--ui"));
    }

    /** The listeners that feed the UI from the run in {@code runDirectory}, announced on {@code err}. */
    List<TrainingListener> listeners(Path runDirectory, PrintWriter err) {
        if (server == null) {
            return List.of();
        }
        stats = RunStats.open(runDirectory);
        server.attach(stats.storage());
        err.println("rnnkit: DL4J training UI at " + server.url() + " (until the run ends; afterwards: ./rnnkit ui "
                + runDirectory + ")");
        return List.of(stats.listener());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (stats != null) {
            stats.close();
        }
    }
}
