package io.rnnkit.apps;

import io.rnnkit.apps.tasks.ReferenceTask;
import io.rnnkit.apps.tasks.TaskData;
import io.rnnkit.apps.tasks.Tasks;
import io.rnnkit.models.bundle.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit evaluate --model DIR/model.zip}: prints a trained model's metrics on its task's held-out data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print a trained model's metrics on its task's test or validation data.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model bundle (model.zip of a run).")
    Path model;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|valid",
            description = "Held-out split to evaluate on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the corpora live (default: $RNNKIT_DATA, else ~/.rnnkit/data).")
    Path dataDir;

    @Override
    public Integer call() {
        if (!split.equals("test") && !split.equals("valid")) {
            throw new io.rnnkit.core.UserInputException("--split: choose test or valid, got '" + split + "'");
        }
        ModelBundle bundle = ModelBundle.load(model);
        ReferenceTask task = Tasks.byId(bundle.provenance().task());
        TaskData data = task.prepare(RunPlan.optionsFromBundle(bundle.training(), dataDir));
        Map<String, Double> metrics = task.evaluate(bundle.network(), data, split);
        PrintWriter out = spec.commandLine().getOut();
        metrics.forEach((name, value) -> out.printf(Locale.ROOT, "%-16s %.6f%n", name, value));
        out.println(task.headline(metrics, split));
        return 0;
    }
}
