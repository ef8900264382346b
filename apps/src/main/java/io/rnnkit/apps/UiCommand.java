package io.rnnkit.apps;

import io.rnnkit.apps.ui.RunStats;
import io.rnnkit.apps.ui.TrainingUiServer;
import io.rnnkit.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit ui DIR}: shows a run's recorded training stats in DL4J's training UI until Ctrl-C. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Show the training stats a run recorded with 'train --ui' in DL4J's training UI, until Ctrl-C.")
final class UiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The run directory.")
    Path run;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + TrainingUiServer.DEFAULT_PORT,
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", paramLabel = "HOST", defaultValue = TrainingUiServer.DEFAULT_ADDRESS,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String address;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(run)) {
            throw new UserInputException("ui: " + run + " is not a directory");
        }
        if (!RunStats.recorded(run)) {
            throw new UserInputException("ui: " + run + " has no " + RunStats.FILE_NAME
                    + "; only runs trained with --ui record DL4J's training stats");
        }
        TrainingUiServer server = TrainingUiServer.start(address, port, "--port");
        RunStats stats = RunStats.open(run);
        server.attach(stats.storage());
        spec.commandLine().getOut().println("DL4J training UI for " + run + " at " + server.url() + " (Ctrl-C to stop)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stats.close();
            stopped.countDown();
        }, "rnnkit-ui-stop"));
        stopped.await();
        return 0;
    }
}
