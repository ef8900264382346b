package io.rnnkit.datasets;

/** Receives progress while {@link CorpusFetcher} downloads a file. */
@FunctionalInterface
public interface DownloadProgress {

    /** Reports nothing. */
    DownloadProgress NONE = (name, bytesRead, totalBytes) -> { };

    /**
     * Called as bytes arrive, and once more when the download of {@code name} is complete.
     *
     * @param name the file being downloaded, such as {@code ptb.zip}
     * @param bytesRead bytes received so far
     * @param totalBytes the announced size, or -1 when the server did not say
     */
    void update(String name, long bytesRead, long totalBytes);
}
