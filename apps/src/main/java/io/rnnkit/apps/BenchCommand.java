package io.rnnkit.apps;

import io.rnnkit.benchmarks.BenchmarkConfig;
import io.rnnkit.benchmarks.BenchmarkOptions;
import io.rnnkit.benchmarks.BenchmarkReport;
import io.rnnkit.benchmarks.BenchmarkRunner;
import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnnkit bench}: times rnnkit's layers against stock DL4J (and PyTorch, when the benchmarks
 * module is built with {@code -Ppeers}) in one interleaved run, with an sgemm roofline.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark rnnkit layers against stock DL4J (and PyTorch with -Ppeers builds) in one run.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "A short smoke run (under two minutes).")
    boolean quick;

    @Option(names = "--configs", defaultValue = "A,B,C,D", paramLabel = "LIST",
            description = "Configurations to run, from A,B,C,D,E (default: ${DEFAULT-VALUE}).")
    String configs;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        List<BenchmarkConfig> chosen;
        try {
            chosen = BenchmarkConfig.parseList(configs);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--" + e.getMessage());
        }
        // Every config at 1 thread and at all cores, as benchmarks/RESULTS.md describes.
        List<Integer> threads = BenchmarkOptions.defaultThreads();
        BenchmarkOptions options = quick ? BenchmarkOptions.quick(chosen, threads)
                : BenchmarkOptions.full(chosen, threads);
        BenchmarkReport report = BenchmarkRunner.runDefault(options);
        spec.commandLine().getOut().println(report.toMarkdown());
        if (json != null) {
            AtomicFiles.writeString(json, report.toJson());
        }
        return report.allRowsSucceeded() ? 0 : RnnkitCli.EXIT_FAILURE;
    }
}
