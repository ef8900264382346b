package io.rnnkit.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code rnnkit} in a JVM of its own, as a user's shell would, so that a test can kill or signal it. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code rnnkit args...} with the given system properties ("name=value"), output to {@code log}. */
    static Process start(Path log, List<String> properties, String... args) throws IOException {
        return start(log, "1g", properties, args);
    }

    /** As {@link #start(Path, List, String...)}, with a heap of at most {@code maxHeap} (such as "128m"). */
    static Process start(Path log, String maxHeap, List<String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-") || flag.startsWith("--enable-native-access")
                        || flag.startsWith("-Djdk.reflect"))
                .toList());
        properties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), RnnkitCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The peak resident set (VmHWM, kB) of a running process, or 0 once it has gone. */
    static long peakResidentKb(Process process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Sends a signal ("INT", "TERM") to a process, as {@code kill -SIG pid} does. */
    static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }
}
