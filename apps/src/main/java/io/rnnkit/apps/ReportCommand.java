package io.rnnkit.apps;

import io.rnnkit.apps.report.RunPage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit report DIR}: rebuilds a run directory's report.html from what the run left on disk. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild DIR/report.html (plan, metrics, curves, task plot, sample, environment) from the run's files.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The run directory.")
    Path run;

    @Override
    public Integer call() throws Exception {
        Path written = new RunPage(run, null).write();
        spec.commandLine().getOut().println(written);
        return 0;
    }
}
