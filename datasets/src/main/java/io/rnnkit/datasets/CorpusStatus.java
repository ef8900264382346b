package io.rnnkit.datasets;

/** Whether a corpus file (or a whole corpus) is on disk and matches its sha256. */
public enum CorpusStatus {
    /** On disk and its sha256 matches (possibly from the verification cache). */
    VERIFIED,
    /** On disk but not yet checked. */
    PRESENT,
    /** Not on disk. */
    MISSING,
    /** On disk with the wrong size or sha256. */
    CORRUPT;

    /** The worse of two statuses, for summarizing a corpus of several files. */
    CorpusStatus worse(CorpusStatus other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case VERIFIED -> 0;
            case PRESENT -> 1;
            case MISSING -> 2;
            case CORRUPT -> 3;
        };
    }
}
