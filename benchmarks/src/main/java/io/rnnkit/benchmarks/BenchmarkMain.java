package io.rnnkit.benchmarks;

import io.rnnkit.benchmarks.memory.MemoryReport;
import io.rnnkit.benchmarks.memory.MemoryRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Command-line entry point: {@code BenchmarkMain [--quick] [--configs A,B,C,D,E] [--threads 1,all]
 * [--max-steps N] [--memory] [--json FILE] [--markdown FILE]}. Prints the Markdown report to standard output.
 *
 * <p>{@code --max-steps} raises (or lowers) the timed steps per row, 40 by default: rows of a few milliseconds,
 * whose medians the VM's noise moves by 10% at 40 steps, can take hundreds within a config's time budget.
 *
 * <p>{@code --memory} measures peak resident memory per peer (one child JVM each, configs A and C unless
 * {@code --configs} says otherwise, at the largest thread count) instead of step times.
 */
public final class BenchmarkMain {

    private static final String USAGE =
            "usage: BenchmarkMain [--quick] [--configs A,B,C,D,E] [--threads 1,all] [--max-steps N] [--memory]"
                    + " [--json FILE] [--markdown FILE]";
    private static final List<BenchmarkConfig> MEMORY_CONFIGS = List.of(BenchmarkConfig.A, BenchmarkConfig.C);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);

    private BenchmarkMain() {
    }

    /** Parsed command line. */
    record Arguments(BenchmarkOptions options, boolean memory, Path json, Path markdown) {

        /** Training steps each memory child takes. */
        int memorySteps() {
            return options.quick() ? 2 : 5;
        }

        /** The thread count memory children run at: the largest asked for. */
        int memoryThreads() {
            return options.threads().get(options.threads().size() - 1);
        }
    }

    /** Runs the benchmark; exits 2 on bad arguments and 1 if any row failed. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String markdown;
        String json;
        boolean succeeded;
        if (arguments.memory()) {
            MemoryReport report = new MemoryRunner(BenchmarkRunner.defaultPeers(), CHILD_TIMEOUT)
                    .run(arguments.options().configs(), arguments.memoryThreads(), arguments.memorySteps());
            markdown = report.toMarkdown();
            json = report.toJson();
            succeeded = report.allRowsSucceeded();
        } else {
            BenchmarkReport report = BenchmarkRunner.runDefault(arguments.options());
            markdown = report.toMarkdown();
            json = report.toJson();
            succeeded = report.allRowsSucceeded();
        }
        System.out.println(markdown);
        if (arguments.json() != null) {
            write(arguments.json(), json);
        }
        if (arguments.markdown() != null) {
            write(arguments.markdown(), markdown);
        }
        if (!succeeded) {
            System.exit(1);
        }
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the bad option. */
    static Arguments parse(String[] args) {
        boolean quick = false;
        boolean memory = false;
        List<BenchmarkConfig> configs = null;
        List<Integer> threads = BenchmarkOptions.defaultThreads();
        Path json = null;
        Path markdown = null;
        Integer maxSteps = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--memory" -> memory = true;
                case "--configs" -> configs = BenchmarkConfig.parseList(value(args, ++i, "--configs"));
                case "--threads" -> threads = BenchmarkOptions.parseThreads(value(args, ++i, "--threads"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "--markdown" -> markdown = Path.of(value(args, ++i, "--markdown"));
                case "--max-steps" -> maxSteps = positiveCount(value(args, ++i, "--max-steps"), "--max-steps");
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (configs == null) {
            configs = memory ? MEMORY_CONFIGS : List.of(BenchmarkConfig.values());
        }
        BenchmarkOptions options = quick ? BenchmarkOptions.quick(configs, threads)
                : BenchmarkOptions.full(configs, threads);
        if (maxSteps != null) {
            options = options.withMaxSteps(maxSteps);
        }
        return new Arguments(options, memory, json, markdown);
    }

    private static int positiveCount(String text, String option) {
        try {
            int count = Integer.parseInt(text.strip());
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, got '" + text + "'");
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static void write(Path path, String text) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(path, text);
    }
}
