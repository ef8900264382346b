package io.rnnkit.benchmarks;

import io.rnnkit.benchmarks.gemm.GemmMeasurement;
import io.rnnkit.benchmarks.onnxruntime.OnnxRuntimePeer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The result of one benchmark run: machine, settings, the sgemm roofline and one row per peer and
 * workload, renderable as Markdown (for RESULTS.md and the console) or JSON.
 *
 * @param options what was asked for
 * @param machine where it ran
 * @param roofline sgemm measurements of the same run at every thread count, taken before the configs
 * @param interleavedRoofline per {@link #probeKey(String, int) config and thread count}, the PTB-medium
 *     projection GEMM timed once per round
 * @param rows one per (workload, thread count, peer), in run order
 * @param notes peers or layers that were unavailable, and other caveats
 * @param wallSeconds wall time of the whole run
 */
public record BenchmarkReport(
        BenchmarkOptions options,
        MachineInfo machine,
        List<GemmMeasurement> roofline,
        Map<String, GemmMeasurement> interleavedRoofline,
        List<BenchmarkRow> rows,
        List<String> notes,
        double wallSeconds) {

    /** FLOP convention stated in every report. */
    public static final String FLOP_CONVENTION = "forward FLOPs per token: LSTM 8·H·(I+H), GRU 6·H·(I+H), "
            + "SimpleRnn 2·H·(I+H) per layer, plus 2·H·V for the softmax output projection; "
            + "×3 for a training step (forward + 2 backward GEMMs); element-wise math not counted";

    /** Immutable copies. */
    public BenchmarkReport {
        roofline = List.copyOf(roofline);
        interleavedRoofline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interleavedRoofline));
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** True if every row produced a positive, finite step time. */
    public boolean allRowsSucceeded() {
        return !rows.isEmpty() && rows.stream().allMatch(BenchmarkRow::succeeded);
    }

    /** Best measured sgemm GFLOP/s over shapes and call paths; NaN if none. */
    public double bestGemmGflops() {
        return roofline.stream().mapToDouble(GemmMeasurement::gflopsPerSecond).max().orElse(Double.NaN);
    }

    /** The key of a config's interleaved probe at a thread count, e.g. "A/2". */
    public static String probeKey(String config, int threads) {
        return config + "/" + threads;
    }

    /**
     * The sgemm GFLOP/s a config's rows at a thread count are compared with: its interleaved probe, else
     * the best up-front one at that thread count.
     */
    public double rooflineFor(String config, int threads) {
        GemmMeasurement probe = interleavedRoofline.get(probeKey(config, threads));
        return probe != null ? probe.gflopsPerSecond() : roofline.stream().filter(g -> g.threads() == threads)
                .mapToDouble(GemmMeasurement::gflopsPerSecond).max().orElse(Double.NaN);
    }

    /**
     * One rnnkit row's speed over ONNX Runtime's in the same config, cell and thread count.
     *
     * @param config config id
     * @param cell recurrent cell
     * @param threads thread count of both rows
     * @param peer the rnnkit peer ("rnnkit" or "rnnkit stepper")
     * @param ratio its tokens/s over ONNX Runtime's (above 1: rnnkit is faster)
     */
    public record OnnxRuntimeRatio(String config, CellType cell, int threads, String peer, double ratio) {
    }

    /** For every measured ONNX Runtime row, each measured rnnkit row of its config, cell and thread count. */
    public List<OnnxRuntimeRatio> overOnnxRuntime() {
        return rows.stream().filter(r -> r.succeeded() && r.peer().equals(OnnxRuntimePeer.NAME))
                .flatMap(ort -> rows.stream()
                        .filter(r -> r.succeeded() && !r.diagnostic() && r.peer().startsWith("rnnkit")
                                && r.workload().equals(ort.workload()) && r.threads() == ort.threads())
                        .map(r -> new OnnxRuntimeRatio(r.workload().config(), r.workload().cell(), r.threads(),
                                r.peer(), r.tokensPerSecond() / ort.tokensPerSecond())))
                .toList();
    }

    /** Markdown: settings, roofline and the results table. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Machine and settings\n\n| key | value |\n|---|---|\n");
        for (Map.Entry<String, String> e : machine.values().entrySet()) {
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        md.append("| mode | ").append(options.quick() ? "quick" : "full")
                .append(String.format(Locale.ROOT, ": %d warm-up steps then at least %.1f s of warm-up, %d–%d timed"
                        + " steps per row, ", options.warmupSteps(), options.warmupTime().toMillis() / 1e3,
                        options.minSteps(), options.maxSteps()))
                .append("rows interleaved round-robin over peers and thread counts, except rows that leave threads running"
                        + " after a step, timed after the others (see the notes) |\n");
        md.append("| thread counts | ").append(options.threads().stream().map(String::valueOf)
                .collect(Collectors.joining(", "))).append(" |\n");
        md.append(String.format(Locale.ROOT, "| wall time | %.1f s |%n", wallSeconds));
        md.append("\n### sgemm roofline (fp32, same run)\n\n| GEMM | call | threads | ms | GFLOP/s |\n")
                .append("|---|---|---:|---:|---:|\n");
        Stream.concat(roofline.stream(), interleavedRoofline.values().stream())
                .forEach(g -> md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f |%n",
                        g.shape().describe(), g.method(), g.threads(), g.medianMs(), g.gflopsPerSecond())));
        md.append("\n### Threads in force\n\n| peer | threads | settings read back before its steps |\n")
                .append("|---|---:|---|\n");
        rows.stream().map(r -> "| " + r.peer() + " | " + r.threads() + " | " + r.threadSettings() + " |\n")
                .distinct().forEach(md::append);
        md.append("\n### Results\n\n");
        md.append("| config | cell | peer | threads | ms/step median | p10–p90 | steps | tokens/s | GFLOP/s")
                .append(" | % of sgemm | × best | scaling | paired scaling, 95% interval |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchmarkRow row : rows) {
            md.append(markdownRow(row));
        }
        List<BenchmarkRow> slower = slowerWithMoreThreads();
        if (!slower.isEmpty()) {
            md.append("\nSlower with more threads than with one (paired interval wholly below 1.00×): ")
                    .append(slower.stream().map(r -> r.workload().config() + " " + r.workload().cell().label() + " "
                            + r.peer() + " at " + r.threads()).collect(Collectors.joining("; ")))
                    .append(".\n");
        }
        List<OnnxRuntimeRatio> overOrt = overOnnxRuntime();
        if (!overOrt.isEmpty()) {
            md.append("\n### rnnkit over ONNX Runtime\n\n| config | cell | threads | rnnkit peer |")
                    .append(" tokens/s over ONNX Runtime's |\n|---|---|---:|---|---:|\n");
            overOrt.forEach(o -> md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f× |%n",
                    o.config(), o.cell().label(), o.threads(), o.peer(), o.ratio())));
        }
        md.append("\nConfigs: ");
        md.append(options.configs().stream().map(c -> c.name() + " = " + c.description())
                .collect(Collectors.joining("; ")));
        md.append(".\n\nFLOPs: ").append(FLOP_CONVENTION).append(".\n");
        md.append("\"× best\" is the median step time over the fastest peer's for the same config, cell and thread ")
                .append("count (diagnostic rows, marked *, are never the best). ")
                .append("\"scaling\" is the same peer's 1-thread median over this row's (the speed-up over 1 thread); ")
                .append("\"paired scaling\" is the median over the rounds of the 1-thread step time over this row's in ")
                .append("the same round, with a distribution-free 95% interval for it (sign-test order statistics): ")
                .append("an interval that holds 1.00 does not show a difference between the thread counts. ")
                .append("\"% of sgemm\" divides GFLOP/s by the config's interleaved cblas_sgemm figure at the ")
                .append("row's thread count.\n");
        if (!notes.isEmpty()) {
            md.append("\nNotes:\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private String markdownRow(BenchmarkRow row) {
        Workload w = row.workload();
        String peer = row.diagnostic() ? "*" + row.peer() + "*" : row.peer();
        if (!row.succeeded()) {
            return String.format(Locale.ROOT, "| %s | %s | %s | %d | failed: %s | | | | | | | | |%n",
                    w.config(), w.cell().label(), peer, row.threads(), row.error());
        }
        TimingStats s = row.stats();
        String flops = row.diagnostic() ? "— | —" : String.format(Locale.ROOT, "%.2f | %.1f%%",
                row.gflopsPerSecond(), 100 * row.gflopsPerSecond() / rooflineFor(w.config(), row.threads()));
        String scaling = Double.isFinite(row.scaling()) ? String.format(Locale.ROOT, "%.2f×", row.scaling()) : "—";
        return String.format(Locale.ROOT,
                "| %s | %s | %s | %d | %.2f | %.2f–%.2f | %d | %,.0f | %s | %.2f | %s | %s |%n",
                w.config(), w.cell().label(), peer, row.threads(), s.medianMs(), s.p10Ms(), s.p90Ms(), s.samples(),
                row.tokensPerSecond(), flops, row.ratioVsBest(), scaling, paired(row.pairedScaling()));
    }

    /** Rows whose paired speed-up over their peer's 1-thread row has its whole 95% interval below 1. */
    public List<BenchmarkRow> slowerWithMoreThreads() {
        return rows.stream().filter(r -> r.pairedScaling() != null && r.pairedScaling().surelyBelow(1.0)).toList();
    }

    private static String paired(PairedRatio ratio) {
        if (ratio == null) {
            return "—";
        }
        if (Double.isNaN(ratio.low())) {
            return String.format(Locale.ROOT, "%.2f× (too few rounds)", ratio.median());
        }
        return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", ratio.median(), ratio.low(), ratio.high());
    }

    /** Machine-readable form of the whole report. */
    public String toJson() {
        StringBuilder js = new StringBuilder("{\n  \"machine\": {");
        js.append(machine.values().entrySet().stream()
                .map(e -> "\n    " + JsonText.string(e.getKey()) + ": " + JsonText.string(e.getValue()))
                .collect(Collectors.joining(",")));
        js.append("\n  },\n  \"settings\": {")
                .append("\"quick\": ").append(options.quick())
                .append(", \"warmupSteps\": ").append(options.warmupSteps())
                .append(", \"warmupSeconds\": ").append(options.warmupTime().toMillis() / 1e3)
                .append(", \"minSteps\": ").append(options.minSteps())
                .append(", \"maxSteps\": ").append(options.maxSteps())
                .append(", \"seed\": ").append(options.seed())
                .append(", \"threads\": ").append(options.threads())
                .append(", \"configs\": [")
                .append(options.configs().stream().map(c -> JsonText.string(c.name())).collect(Collectors.joining(", ")))
                .append("], \"wallSeconds\": ").append(JsonText.number(wallSeconds))
                .append(", \"flopConvention\": ").append(JsonText.string(FLOP_CONVENTION)).append("},\n");
        js.append("  \"roofline\": [");
        js.append(roofline.stream().map(g -> String.format(Locale.ROOT,
                "\n    {\"m\": %d, \"n\": %d, \"k\": %d, \"threads\": %d, \"method\": %s, \"medianMs\": %s,"
                        + " \"gflopsPerSecond\": %s}",
                g.shape().m(), g.shape().n(), g.shape().k(), g.threads(), JsonText.string(g.method()),
                JsonText.number(g.medianMs()), JsonText.number(g.gflopsPerSecond())))
                .collect(Collectors.joining(",")));
        js.append("\n  ],\n  \"interleavedRoofline\": {");
        js.append(interleavedRoofline.entrySet().stream().map(e -> String.format(Locale.ROOT,
                "\n    %s: {\"m\": %d, \"n\": %d, \"k\": %d, \"threads\": %d, \"medianMs\": %s,"
                        + " \"gflopsPerSecond\": %s}",
                JsonText.string(e.getKey()), e.getValue().shape().m(), e.getValue().shape().n(),
                e.getValue().shape().k(), e.getValue().threads(), JsonText.number(e.getValue().medianMs()),
                JsonText.number(e.getValue().gflopsPerSecond())))
                .collect(Collectors.joining(",")));
        js.append("\n  },\n  \"rows\": [");
        js.append(rows.stream().map(BenchmarkReport::rowJson).collect(Collectors.joining(",")));
        js.append("\n  ],\n  \"overOnnxRuntime\": [");
        js.append(overOnnxRuntime().stream().map(o -> "\n    {\"config\": " + JsonText.string(o.config())
                + ", \"cell\": " + JsonText.string(o.cell().label()) + ", \"threads\": " + o.threads()
                + ", \"peer\": " + JsonText.string(o.peer()) + ", \"ratio\": " + JsonText.number(o.ratio())
                + "}")
                .collect(Collectors.joining(",")));
        js.append("\n  ],\n  \"notes\": [");
        js.append(notes.stream().map(JsonText::string).collect(Collectors.joining(", ")));
        js.append("]\n}\n");
        return js.toString();
    }

    private static String rowJson(BenchmarkRow row) {
        Workload w = row.workload();
        TimingStats s = row.stats();
        return "\n    {\"config\": " + JsonText.string(w.config())
                + ", \"kind\": " + JsonText.string(w.kind().name().toLowerCase(Locale.ROOT))
                + ", \"cell\": " + JsonText.string(w.cell().label())
                + ", \"peer\": " + JsonText.string(row.peer())
                + ", \"diagnostic\": " + row.diagnostic()
                + ", \"threads\": " + row.threads()
                + ", \"threadSettings\": " + JsonText.string(row.threadSettings())
                + ", \"layers\": " + w.layers() + ", \"hidden\": " + w.hidden() + ", \"inputSize\": " + w.inputSize()
                + ", \"timeSteps\": " + w.timeSteps() + ", \"batch\": " + w.batch() + ", \"vocab\": " + w.vocab()
                + ", \"steps\": " + (s == null ? 0 : s.samples())
                + ", \"medianMs\": " + JsonText.number(s == null ? Double.NaN : s.medianMs())
                + ", \"p10Ms\": " + JsonText.number(s == null ? Double.NaN : s.p10Ms())
                + ", \"p90Ms\": " + JsonText.number(s == null ? Double.NaN : s.p90Ms())
                + ", \"tokensPerSecond\": " + JsonText.number(row.tokensPerSecond())
                + ", \"flopsPerStep\": " + JsonText.number(w.flopsPerStep())
                + ", \"gflopsPerSecond\": " + JsonText.number(row.gflopsPerSecond())
                + ", \"ratioVsBest\": " + JsonText.number(row.ratioVsBest())
                + ", \"scaling\": " + JsonText.number(row.scaling())
                + ", \"pairedScaling\": " + pairedJson(row.pairedScaling())
                + ", \"stepMillis\": " + (s == null ? "[]" : Arrays.stream(s.millisInRunOrder())
                        .mapToObj(JsonText::number).collect(Collectors.joining(", ", "[", "]")))
                + ", \"error\": " + JsonText.string(row.error()) + "}";
    }

    private static String pairedJson(PairedRatio ratio) {
        return ratio == null ? "null" : "{\"median\": " + JsonText.number(ratio.median())
                + ", \"low\": " + JsonText.number(ratio.low()) + ", \"high\": " + JsonText.number(ratio.high())
                + ", \"pairs\": " + ratio.pairs() + "}";
    }
}
