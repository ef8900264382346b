package io.rnnkit.benchmarks.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a child JVM like this one: the same java binary, JVM flags (heap, {@code
 * --add-modules}, {@code --add-opens}, system properties) and classpath, and the inherited environment.
 */
final class ChildJvm {

    private final Duration timeout;

    ChildJvm(Duration timeout) {
        this.timeout = timeout;
    }

    /** The java command line for {@code mainClass args}, from this JVM's own. */
    static List<String> command(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-agentlib:jdwp")) // a debugger's port is taken by the parent
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    /**
     * Runs the child to its end and returns its standard output; throws {@link IOException} with a
     * one-line message (the child's last line of standard error) if it fails or runs past the timeout.
     */
    String run(Class<?> mainClass, List<String> args) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("rnnkit-child", ".out");
        Path stderr = Files.createTempFile("rnnkit-child", ".err");
        try {
            Process process = new ProcessBuilder(command(mainClass, args))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("child JVM ran past " + timeout.toSeconds() + " s: " + lastLine(stderr));
            }
            if (process.exitValue() != 0) {
                throw new IOException("child JVM exited " + process.exitValue() + ": " + lastLine(stderr));
            }
            return new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1).strip();
    }
}
