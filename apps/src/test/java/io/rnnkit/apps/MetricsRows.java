package io.rnnkit.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.core.train.EpochRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of a run's {@code metrics.csv} with the timing columns removed, for run-to-run comparisons. */
final class MetricsRows {

    private MetricsRows() {
    }

    static List<String> withoutTimings(Path metricsCsv) throws IOException {
        return withoutTimings(Files.readAllLines(metricsCsv));
    }

    static List<String> withoutTimings(List<String> rows) {
        List<String> header = Arrays.asList(rows.get(0).split(","));
        assertThat(header).as("metrics.csv header").containsAll(EpochRecord.TIMING_COLUMNS);
        List<String> kept = new ArrayList<>();
        for (String row : rows) {
            List<String> cells = Arrays.asList(row.split(","));
            List<String> values = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (!EpochRecord.TIMING_COLUMNS.contains(header.get(i))) {
                    values.add(cells.get(i));
                }
            }
            kept.add(String.join(",", values));
        }
        return kept;
    }
}
