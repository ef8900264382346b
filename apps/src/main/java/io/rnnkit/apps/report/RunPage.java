package io.rnnkit.apps.report;

import io.rnnkit.core.train.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A run's {@code report.html}: one self-contained page (inline CSS and SVG, images as data URIs, no scripts,
 * nothing fetched) with the plan, the per-epoch metrics, the curves, the task plot, the sample text and the
 * environment. Written at each checkpoint and at the end of the run, and rebuilt by {@code rnnkit report DIR}.
 */
public final class RunPage {

    /** The report's file name inside a run directory. */
    public static final String FILE_NAME = "report.html";

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1d232b}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d5dae1}
            .status{color:#4a5561;margin:0 0 12px}.headline{font-size:18px;font-weight:600}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}
            td,th{border:1px solid #d5dae1;padding:3px 8px;text-align:right}th{background:#eef1f5}
            td.key,th.key{text-align:left}.plan{display:flex;gap:20px;flex-wrap:wrap;align-items:flex-start}
            .curves{display:flex;flex-wrap:wrap;gap:12px}svg.curve{background:#fff;border:1px solid #d5dae1}
            svg .frame{fill:#fafbfc;stroke:#c2c9d2}svg .line{fill:none;stroke:#1f6feb;stroke-width:2}
            svg .dots{fill:#1f6feb}svg text{font-size:11px;fill:#3b4550}svg .title{font-size:13px;font-weight:600}
            img.plot{max-width:100%;border:1px solid #d5dae1}pre{background:#f4f6f8;padding:10px;white-space:pre-wrap}
            """;

    private final RunFiles files;
    private final String metricName;

    /**
     * The page of the run in {@code root}; {@code metricName} names the validation metric (null: the summary's
     * headline metric, if the run finished).
     */
    public RunPage(Path root, String metricName) {
        this.files = RunFiles.of(root);
        this.metricName = metricName;
    }

    /** Writes {@code report.html} atomically and returns its path. */
    public Path write() throws IOException {
        Path target = files.root().resolve(FILE_NAME);
        AtomicFiles.writeString(target, html());
        return target;
    }

    String html() throws IOException {
        String task = files.task();
        Optional<Map<String, Object>> summary = files.summary();
        RunFiles.Table metrics = files.metrics();
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.append("<title>rnnkit run: ").append(Html.escape(task)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        page.append("<h1>rnnkit run: ").append(Html.escape(task)).append("</h1>\n");
        page.append("<p class=\"status\">").append(Html.escape(status(summary, metrics))).append(" · ")
                .append(Html.escape(files.root().toAbsolutePath().normalize().toString())).append("</p>\n");
        summary.ifPresent(s -> page.append("<p class=\"headline\" id=\"headline\">test ").append(Html.escape(
                String.valueOf(s.get("metric")))).append(": ").append(Html.escape(s.get("value") instanceof Number value
                        ? SvgLineChart.number(value.doubleValue()) : String.valueOf(s.get("value"))))
                .append("</p>\n"));
        appendPlan(page, files.plan());
        appendMetrics(page, metrics);
        appendCurves(page, metrics, summary);
        appendTaskPlot(page);
        files.sample().ifPresent(text -> page.append("<h2>Sample</h2>\n<pre id=\"sample\">")
                .append(Html.escape(text.strip())).append("</pre>\n"));
        appendEnvironment(page, files.environment(), summary);
        page.append("<p class=\"status\">written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" by rnnkit</p>\n</body></html>\n");
        return page.toString();
    }

    private String status(Optional<Map<String, Object>> summary, RunFiles.Table metrics) {
        int planned = files.plannedEpochs();
        String epochs = metrics.rows().size() + (planned > 0 ? " of " + planned : "") + " epochs";
        if (summary.isPresent()) {
            Object wall = summary.get().get("wallSeconds");
            return "finished: " + epochs + (wall == null ? "" : ", " + format(wall) + " s");
        }
        return "not finished: " + epochs + (files.hasCheckpoint() ? ", checkpoint saved" : "");
    }

    private static void appendPlan(StringBuilder page, Properties plan) {
        page.append("<h2>Plan</h2>\n<div class=\"plan\" id=\"plan\">");
        for (String[] section : new String[][] {{"task and data", "data."}, {"model", "model."},
            {"training", "train."}, {"where it trained", "exec."}}) {
            page.append("<table><tr><th class=\"key\" colspan=\"2\">").append(section[0]).append("</th></tr>");
            if (section[1].equals("data.")) {
                row(page, "task", plan.getProperty("task", "?"));
            }
            for (String key : new TreeSet<>(plan.stringPropertyNames())) {
                if (key.startsWith(section[1])) {
                    row(page, key.substring(section[1].length()), plan.getProperty(key));
                }
            }
            page.append("</table>");
        }
        page.append("</div>\n");
    }

    private static void appendMetrics(StringBuilder page, RunFiles.Table metrics) {
        page.append("<h2>Metrics per epoch</h2>\n");
        if (metrics.rows().isEmpty()) {
            page.append("<p>No epoch has finished yet.</p>\n");
            return;
        }
        page.append("<table id=\"metrics\"><tr>");
        metrics.header().forEach(name -> page.append("<th>").append(Html.escape(name)).append("</th>"));
        page.append("</tr>\n");
        for (List<String> row : metrics.rows()) {
            page.append("<tr>");
            row.forEach(cell -> page.append("<td>").append(Html.escape(cell)).append("</td>"));
            page.append("</tr>\n");
        }
        page.append("</table>\n");
    }

    private void appendCurves(StringBuilder page, RunFiles.Table metrics, Optional<Map<String, Object>> summary) {
        page.append("<h2>Curves</h2>\n<div class=\"curves\" id=\"curves\">");
        double[] epochs = metrics.column("epoch");
        String validation = metricName != null ? metricName
                : summary.map(s -> String.valueOf(s.get("metric"))).orElse("validation metric");
        page.append(SvgLineChart.draw("training loss", "loss", epochs, metrics.column("train_loss")));
        page.append(SvgLineChart.draw("validation " + validation, validation, epochs,
                metrics.column("validation_metric")));
        page.append(SvgLineChart.draw("training speed", "items/s", epochs, metrics.column("items_per_second")));
        page.append("</div>\n");
    }

    private void appendTaskPlot(StringBuilder page) throws IOException {
        Optional<Path> plot = files.taskPlot();
        if (plot.isEmpty()) {
            return;
        }
        String name = plot.get().getFileName().toString().startsWith("confusion")
                ? "Confusion matrix (test)" : "Predicted vs true (test)";
        page.append("<h2>").append(name).append("</h2>\n<img class=\"plot\" id=\"task-plot\" alt=\"")
                .append(name).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(plot.get()))).append("\">\n");
    }

    private static void appendEnvironment(StringBuilder page, Optional<Map<String, Object>> environment,
                                          Optional<Map<String, Object>> summary) {
        page.append("<h2>Environment</h2>\n");
        if (environment.isEmpty()) {
            page.append("<p>Not recorded: this run started before rnnkit wrote ").append(RunFiles.ENVIRONMENT_FILE)
                    .append(".</p>\n");
        } else {
            page.append("<table id=\"environment\">");
            environment.get().forEach((key, value) -> row(page, key, format(value)));
            page.append("</table>\n");
        }
        summary.map(s -> s.get("versions")).ifPresent(versions -> page.append("<p>versions: ")
                .append(Html.escape(String.valueOf(versions))).append("</p>\n"));
    }

    private static void row(StringBuilder page, String key, String value) {
        page.append("<tr><td class=\"key\">").append(Html.escape(key)).append("</td><td class=\"key\">")
                .append(Html.escape(value)).append("</td></tr>");
    }

    /** Numbers as short as they are exact (9.3, not 9.3000), strings as they are. */
    private static String format(Object value) {
        if (value instanceof Double number && Double.isFinite(number)) {
            return java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
