package io.rnnkit.datasets;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a corpus: its path relative to the data directory, its known sha256 and size.
 *
 * @param relativePath path under the data directory, with forward slashes
 * @param sha256 lowercase hex sha256 of the exact file
 * @param bytes size in bytes
 */
public record CorpusFile(String relativePath, String sha256, long bytes) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates the fields. */
    public CorpusFile {
        if (relativePath == null || relativePath.isBlank() || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("relativePath must be a relative path, got '" + relativePath + "'");
        }
        sha256 = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
    }

    /** The last path element, such as {@code ptb.train.txt}. */
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
