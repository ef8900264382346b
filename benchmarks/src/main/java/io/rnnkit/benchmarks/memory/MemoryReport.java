package io.rnnkit.benchmarks.memory;

import io.rnnkit.benchmarks.JsonText;
import io.rnnkit.benchmarks.MachineInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of the memory mode: one peak-RSS row per (workload, peer), as Markdown or JSON.
 *
 * @param machine where it ran
 * @param jvmFlags the JVM flags every child ran with (the parent's own)
 * @param rows one per (workload, peer), in run order
 * @param wallSeconds wall time of the whole run
 */
public record MemoryReport(MachineInfo machine, List<String> jvmFlags, List<MemoryRow> rows, double wallSeconds) {

    /** Immutable copies. */
    public MemoryReport {
        jvmFlags = List.copyOf(jvmFlags);
        rows = List.copyOf(rows);
    }

    /** True if every child reported a figure. */
    public boolean allRowsSucceeded() {
        return !rows.isEmpty() && rows.stream().allMatch(MemoryRow::succeeded);
    }

    /** Markdown: settings and the peak-RSS table. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("### Machine and settings\n\n| key | value |\n|---|---|\n");
        for (Map.Entry<String, String> e : machine.values().entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        md.append("| child JVM flags | `").append(String.join(" ", jvmFlags)).append("` |\n");
        md.append(String.format(Locale.ROOT, "| wall time | %.1f s |%n", wallSeconds));
        md.append("\n### Peak resident memory\n\n| config | cell | peer | threads | steps | peak RSS MB |\n")
                .append("|---|---|---|---:|---:|---:|\n");
        for (MemoryRow row : rows) {
            String figure = row.succeeded() ? String.format(Locale.ROOT, "%,.0f", row.peakRssMb())
                    : "failed: " + row.error();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s |%n", row.workload().config(),
                    row.workload().cell().label(), row.peer(), row.threads(), row.steps(), figure));
        }
        md.append("\nEach row is a fresh child JVM (the parent's java, flags and classpath) that builds one peer's ")
                .append("network, takes the training steps and reports its VmHWM: JVM, heap, native libraries and ")
                .append("off-heap buffers together.\n");
        return md.toString();
    }

    /** Machine-readable form. */
    public String toJson() {
        StringBuilder js = new StringBuilder("{\n  \"machine\": {");
        js.append(machine.values().entrySet().stream()
                .map(e -> "\n    " + JsonText.string(e.getKey()) + ": " + JsonText.string(e.getValue()))
                .collect(Collectors.joining(",")));
        js.append("\n  },\n  \"jvmFlags\": [")
                .append(jvmFlags.stream().map(JsonText::string).collect(Collectors.joining(", ")))
                .append("],\n  \"wallSeconds\": ").append(JsonText.number(wallSeconds))
                .append(",\n  \"memory\": [");
        js.append(rows.stream().map(r -> "\n    {\"config\": " + JsonText.string(r.workload().config())
                + ", \"cell\": " + JsonText.string(r.workload().cell().label())
                + ", \"peer\": " + JsonText.string(r.peer())
                + ", \"threads\": " + r.threads()
                + ", \"steps\": " + r.steps()
                + ", \"peakRssMb\": " + JsonText.number(r.peakRssMb())
                + ", \"error\": " + JsonText.string(r.error()) + "}")
                .collect(Collectors.joining(",")));
        js.append("\n  ]\n}\n");
        return js.toString();
    }
}
