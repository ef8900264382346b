package io.rnnkit.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark configurations of issue 7, and E of issue 15.
 *
 * <ul>
 *   <li>A: 2×LSTM 200, T35, B20, 10k softmax (PTB small);
 *   <li>B: 2×LSTM 650, T35, B20, 10k softmax (PTB medium);
 *   <li>C: 1× each cell, 256, T35, B32, 65-way softmax (char LM);
 *   <li>D: char sampling through rnnTimeStep, batch 1, the C network (35 tokens per step);
 *   <li>E: one forward pass (inference) of the C network over a [32, T35] mini-batch.
 * </ul>
 */
public enum BenchmarkConfig {
    /** PTB-small shape. */
    A("2×LSTM 200, T35, B20, 10k softmax"),
    /** PTB-medium shape. */
    B("2×LSTM 650, T35, B20, 10k softmax"),
    /** Char-LM shape, every cell. */
    C("1× each cell 256, T35, B32, 65-way softmax"),
    /** Char sampling, batch 1. */
    D("char sampling via rnnTimeStep, 1× each cell 256, batch 1, 65 symbols"),
    /** Batch-32 inference, the C network. */
    E("batch-32 forward pass, 1× each cell 256, T35, 65 symbols");

    private static final int CHAR_VOCAB = 65;

    private final String description;

    BenchmarkConfig(String description) {
        this.description = description;
    }

    /** One-line description for reports. */
    public String description() {
        return description;
    }

    /** The workloads (one per cell type measured) of this config. */
    public List<Workload> workloads() {
        String id = name();
        return switch (this) {
            case A -> List.of(new Workload(id, WorkloadKind.TRAINING, CellType.LSTM, 2, 200, 200, 35, 20, 10_000));
            case B -> List.of(new Workload(id, WorkloadKind.TRAINING, CellType.LSTM, 2, 650, 650, 35, 20, 10_000));
            case C -> charWorkloads(id, WorkloadKind.TRAINING, 32);
            case D -> charWorkloads(id, WorkloadKind.SAMPLING, 1);
            case E -> charWorkloads(id, WorkloadKind.INFERENCE, 32);
        };
    }

    private static List<Workload> charWorkloads(String id, WorkloadKind kind, int batch) {
        return List.of(CellType.values()).stream()
                .map(cell -> new Workload(id, kind, cell, 1, 256, CHAR_VOCAB, 35, batch, CHAR_VOCAB))
                .toList();
    }

    /** Parses "A,B,C" (case-insensitive); throws naming the bad entry. */
    public static List<BenchmarkConfig> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("configs must list at least one of A,B,C,D,E, got '" + text + "'");
        }
        return List.of(text.split(",")).stream().map(String::trim).map(part -> {
            try {
                return BenchmarkConfig.valueOf(part.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configs: unknown config '" + part + "', expected A, B, C, D or E",
                        e);
            }
        }).distinct().toList();
    }
}
