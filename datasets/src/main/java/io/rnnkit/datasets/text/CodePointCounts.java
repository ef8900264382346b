package io.rnnkit.datasets.text;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/** Counts code points as they stream past, in memory bounded by the number of distinct ones. */
final class CodePointCounts implements IntConsumer {

    private static final int DENSE_LIMIT = 0x10000;

    private final long[] dense = new long[DENSE_LIMIT];
    private final Map<Integer, long[]> sparse = new HashMap<>();
    private long total;

    @Override
    public void accept(int codePoint) {
        if (codePoint < DENSE_LIMIT) {
            dense[codePoint]++;
        } else {
            sparse.computeIfAbsent(codePoint, k -> new long[1])[0]++;
        }
        total++;
    }

    /** Code points counted, repeats included. */
    long total() {
        return total;
    }

    /** The distinct code points, most frequent first, ties by ascending code point. */
    int[] byDescendingCount() {
        Map<Integer, Long> counts = new HashMap<>();
        for (int cp = 0; cp < DENSE_LIMIT; cp++) {
            if (dense[cp] > 0) {
                counts.put(cp, dense[cp]);
            }
        }
        sparse.forEach((cp, count) -> counts.put(cp, count[0]));
        return counts.keySet().stream()
                .sorted((a, b) -> {
                    int byCount = Long.compare(counts.get(b), counts.get(a));
                    return byCount != 0 ? byCount : Integer.compare(a, b);
                })
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
