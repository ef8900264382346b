package io.rnnkit.apps;

import io.rnnkit.core.UserInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit train <task>}: trains one of the reference tasks and prints its headline metric. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a reference task and print its headline metric.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task to train: waves.")
    String task;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: the task's own).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (!task.equals("waves")) {
            throw new UserInputException("unknown task '" + task + "'; known tasks: waves");
        }
        if (epochs != null && epochs <= 0) {
            throw new UserInputException("--epochs must be a positive whole number, got " + epochs);
        }
        double accuracy = new WavesTask(epochs == null ? WavesTask.DEFAULT_EPOCHS : epochs, seed).run();
        spec.commandLine().getOut().printf("waves: test accuracy %.4f%n", accuracy);
        return 0;
    }
}
