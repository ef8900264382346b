package io.rnnkit.benchmarks.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size, VmHWM in {@code /proc/self/status} (Linux). */
public final class PeakRss {

    private PeakRss() {
    }

    /** VmHWM of this process in kB; throws if {@code /proc/self/status} has none (not Linux). */
    public static long kilobytes() throws IOException {
        return parseVmHwm(Files.readString(Path.of("/proc/self/status")));
    }

    /** The VmHWM figure in kB from the text of a {@code /proc/<pid>/status} file. */
    static long parseVmHwm(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no VmHWM line in /proc/self/status");
    }
}
