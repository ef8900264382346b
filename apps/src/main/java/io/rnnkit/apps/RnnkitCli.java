package io.rnnkit.apps;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.TrainingDivergedException;
import io.rnnkit.models.kernels.KernelThreads;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code rnnkit} command: parses the command line and dispatches to a subcommand. */
@Command(
        name = "rnnkit",
        mixinStandardHelpOptions = true,
        versionProvider = RnnkitVersion.class,
        description = "Recurrent neural networks on the JVM: train, evaluate and sample RNN models.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, GenerateCommand.class, DataCommand.class,
            BenchCommand.class, EnvCommand.class, UiCommand.class, ReportCommand.class, RunsCommand.class, ImportCommand.class,
            CommandLine.HelpCommand.class})
public final class RnnkitCli {

    /** Exit status for a user mistake: bad option, bad value, missing file. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for a failure that is not the user's fault. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status of a run whose loss became NaN or infinite; its last checkpoint, if any, is kept. */
    public static final int EXIT_DIVERGED = 3;

    @Option(names = "--verbose", description = "Show DL4J/ND4J logging and full stack traces.")
    boolean verbose;

    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT, converter = ThreadCount.class,
            description = "Threads for rnnkit's layer kernels: a number or 'all' (default: $RNNKIT_THREADS, else all"
                    + " cores). ND4J's own element-wise ops and OpenBLAS follow OMP_NUM_THREADS, which the launcher"
                    + " sets to 1 unless you set it.")
    Integer threads;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status; used by main and by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CommandLine.defaultFactory());
    }

    /** Runs the CLI with commands made by {@code factory}, so that a test can stop a run at a chosen batch. */
    static int run(String[] args, PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new RnnkitCli(), factory);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(RnnkitCli::onBadArguments);
        commandLine.setExecutionExceptionHandler(RnnkitCli::onFailure);
        commandLine.setExecutionStrategy(RnnkitCli::execute);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("rnnkit: out of memory (" + e.getMessage() + "); the launcher gives the JVM a 1 GB heap"
                    + " unless JAVA_OPTS sets -Xmx: try JAVA_OPTS=-Xmx4g");
            return EXIT_FAILURE;
        }
    }

    private static int execute(ParseResult parseResult) {
        RnnkitCli root = (RnnkitCli) parseResult.commandSpec().userObject();
        setLogLevel(root.verbose ? Level.INFO : Level.WARN);
        if (root.threads != null) {
            KernelThreads.setSharedSize(root.threads);
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** Converts a {@code --threads} value, refusing anything but a positive count or 'all'. */
    static final class ThreadCount implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return KernelThreads.parseCount(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private static void setLogLevel(Level level) {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            for (String name : new String[] {"org.nd4j", "org.deeplearning4j", "org.datavec"}) {
                context.getLogger(name).setLevel(level);
            }
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level == Level.INFO ? Level.INFO : Level.WARN);
        }
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("rnnkit: " + e.getMessage()
                + " (see 'rnnkit " + qualifiedName(command) + "--help')");
        return EXIT_USAGE;
    }

    private static String qualifiedName(CommandLine command) {
        String path = command.getCommandSpec().qualifiedName(" ");
        String withoutRoot = path.startsWith("rnnkit") ? path.substring("rnnkit".length()).trim() : path;
        return withoutRoot.isEmpty() ? "" : withoutRoot + " ";
    }

    private static int onFailure(Exception e, CommandLine command, ParseResult parseResult) {
        RnnkitCli root = (RnnkitCli) parseResult.commandSpec().root().userObject();
        PrintWriter err = command.getErr();
        UserInputException userError = findCause(e, UserInputException.class);
        if (userError != null) {
            err.println("rnnkit: " + asOption(userError.getMessage(), command));
            return EXIT_USAGE;
        }
        TrainingDivergedException diverged = findCause(e, TrainingDivergedException.class);
        if (diverged != null) {
            err.println("rnnkit: " + diverged.getMessage());
            return EXIT_DIVERGED;
        }
        err.println("rnnkit: failed: " + e + (root.verbose ? "" : " (run with --verbose for details)"));
        if (root.verbose) {
            e.printStackTrace(err);
        }
        return EXIT_FAILURE;
    }

    /** Names a config field as the option that sets it ("lr: ..." becomes "--lr: ..."), where the command has one. */
    private static String asOption(String message, CommandLine command) {
        int colon = message.indexOf(": ");
        if (colon <= 0 || message.startsWith("-")) {
            return message;
        }
        String option = "--" + message.substring(0, colon);
        return command.getCommandSpec().findOption(option) != null ? "--" + message : message;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
