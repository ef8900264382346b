package io.rnnkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command-line entry point: {@code BenchmarkMain [--quick] [--configs A,B,C,D] [--threads 1,all] [--json FILE]
 * [--markdown FILE]}. Prints the Markdown report to standard output.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /** Parsed command line. */
    record Arguments(BenchmarkOptions options, Path json, Path markdown) {
    }

    /** Runs the benchmark; exits 2 on bad arguments and 1 if any row failed. */
    public static void main(String[] args) throws IOException {
        Arguments arguments;
        try {
            arguments = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: BenchmarkMain [--quick] [--configs A,B,C,D] [--threads 1,all] [--json FILE] [--markdown FILE]");
            System.exit(2);
            return;
        }
        BenchmarkReport report = BenchmarkRunner.runDefault(arguments.options());
        String markdown = report.toMarkdown();
        System.out.println(markdown);
        if (arguments.json() != null) {
            write(arguments.json(), report.toJson());
        }
        if (arguments.markdown() != null) {
            write(arguments.markdown(), markdown);
        }
        if (!report.allRowsSucceeded()) {
            System.exit(1);
        }
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the bad option. */
    static Arguments parse(String[] args) {
        boolean quick = false;
        List<BenchmarkConfig> configs = List.of(BenchmarkConfig.values());
        List<Integer> threads = BenchmarkOptions.defaultThreads();
        Path json = null;
        Path markdown = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--configs" -> configs = BenchmarkConfig.parseList(value(args, ++i, "--configs"));
                case "--threads" -> threads = BenchmarkOptions.parseThreads(value(args, ++i, "--threads"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "--markdown" -> markdown = Path.of(value(args, ++i, "--markdown"));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        BenchmarkOptions options = quick ? BenchmarkOptions.quick(configs, threads)
                : BenchmarkOptions.full(configs, threads);
        return new Arguments(options, json, markdown);
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
