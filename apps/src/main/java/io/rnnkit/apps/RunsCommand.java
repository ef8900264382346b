package io.rnnkit.apps;

import io.rnnkit.apps.report.RunFiles;
import io.rnnkit.apps.report.RunStatus;
import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit runs [DIR]}: one line per run directory under DIR, read from disk and never changed. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the runs under DIR (default: runs): task, status (running, finished, stopped, diverged),"
                + " epochs, headline metric and wall time.")
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "runs",
            description = "A folder of run directories, or one run directory (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new UserInputException("runs: " + directory + " is not a directory");
        }
        List<Path> runs;
        if (RunFiles.isRun(directory)) {
            runs = List.of(directory);
        } else {
            try (Stream<Path> children = Files.list(directory)) {
                runs = children.filter(Files::isDirectory).filter(RunFiles::isRun).sorted().toList();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (runs.isEmpty()) {
            out.println("no runs in " + directory);
            return 0;
        }
        for (Path run : runs) {
            RunStatus status = RunStatus.of(run);
            out.printf("%-40s %-12s %-9s %-8s %-28s %s%n", status.directory(), status.task(), status.status(),
                    status.epochs(), status.headline(), status.wall());
        }
        return 0;
    }
}
