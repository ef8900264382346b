package io.rnnkit.apps;

import io.rnnkit.apps.ui.TrainingUiServer;
import picocli.CommandLine.Option;

/** The train command's {@code --ui [PORT]} and {@code --ui-address HOST}: DL4J's training UI during the run. */
final class UiOptions {

    @Option(names = "--ui", arity = "0..1", fallbackValue = "" + TrainingUiServer.DEFAULT_PORT, paramLabel = "PORT",
            description = "Show DL4J's training UI on this port (default 9000) while training (put it after the task name); its stats are also "
                    + "kept in the run directory for 'rnnkit ui DIR'.")
    Integer port;

    @Option(names = "--ui-address", paramLabel = "HOST", defaultValue = TrainingUiServer.DEFAULT_ADDRESS,
            description = "Address the UI listens on (default: ${DEFAULT-VALUE}, this machine only).")
    String address;

    /** Starts the UI when {@code --ui} was given, before anything is written. */
    LiveUi start() {
        return port == null ? LiveUi.OFF : LiveUi.start(address, port);
    }
}
