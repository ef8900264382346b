package io.rnnkit.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a corpus from its public home into the data directory. This is the only code that
 * downloads anything, and only when asked ({@code ./rnnkit data fetch}).
 *
 * <p>Every file is written to a temporary file in its target directory, fsynced, checked against
 * its sha256 and only then renamed into place atomically. A partial or corrupt download never
 * becomes the corpus and leaves no temporary file behind.
 */
public final class CorpusFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusFetcher.class);
    private static final String TEMP_SUFFIX = ".part";

    private final CorpusStore store;
    private final HttpClient client;
    private final URI baseUrl;

    private CorpusFetcher(CorpusStore store, HttpClient client, URI baseUrl) {
        this.store = store;
        this.client = client;
        this.baseUrl = baseUrl;
    }

    /** A fetcher that downloads from each corpus's public home. */
    public static CorpusFetcher create(CorpusStore store) {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        return new CorpusFetcher(store, client, null);
    }

    /**
     * The same fetcher, but downloading {@code <baseUrl>/<last path segment of the public URL>}
     * (such as {@code http://127.0.0.1:8080/ptb.zip}): a mirror, or a local server in tests.
     */
    public CorpusFetcher withBaseUrl(URI newBaseUrl) {
        String text = newBaseUrl.toString();
        return new CorpusFetcher(store, client, URI.create(text.endsWith("/") ? text : text + "/"));
    }

    /** The URL this fetcher downloads {@code corpus} from. */
    public URI sourceOf(Corpus corpus) {
        if (baseUrl == null) {
            return corpus.downloadUri();
        }
        String path = corpus.downloadUri().getPath();
        return baseUrl.resolve(path.substring(path.lastIndexOf('/') + 1));
    }

    /**
     * Downloads {@code corpus} unless all its files are already present and verified.
     *
     * @return the paths of the corpus files, all verified
     * @throws IOException when the download fails or a file does not match its sha256; nothing in
     *     the data directory has changed then
     */
    public List<Path> fetch(Corpus corpus, DownloadProgress progress) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (CorpusFile file : corpus.files()) {
            paths.add(store.directory().file(file.relativePath()));
        }
        if (store.status(corpus, true) == CorpusStatus.VERIFIED) {
            LOG.info("{} is already present and verified in {}", corpus.id(), store.directory().root());
            return paths;
        }
        URI source = sourceOf(corpus);
        LOG.info("Downloading {} from {}", corpus.id(), source);
        Map<CorpusFile, Path> verifiedTemps = new LinkedHashMap<>();
        try {
            if (corpus.isZipArchive()) {
                Path zip = download(source, store.directory().root(), fileNameOf(source), progress, null);
                try {
                    extractVerified(corpus, source, zip, verifiedTemps);
                } finally {
                    Files.deleteIfExists(zip);
                }
            } else {
                CorpusFile file = corpus.files().get(0);
                Path parent = store.directory().file(file.relativePath()).getParent();
                verifiedTemps.put(file, download(source, parent, file.fileName(), progress, file));
            }
            for (Map.Entry<CorpusFile, Path> entry : verifiedTemps.entrySet()) {
                Path target = store.directory().file(entry.getKey().relativePath());
                VerificationCache.moveAtomically(entry.getValue(), target);
                syncDirectory(target.getParent());
                store.cache().markVerified(target, entry.getKey().sha256());
            }
        } finally {
            for (Path temp : verifiedTemps.values()) {
                Files.deleteIfExists(temp);
            }
        }
        LOG.info("Fetched {} into {}", corpus.id(), store.directory().root());
        return paths;
    }

    private void extractVerified(Corpus corpus, URI source, Path zip, Map<CorpusFile, Path> verifiedTemps)
            throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (CorpusFile file : corpus.files()) {
                ZipEntry entry = findEntry(archive, file.fileName());
                if (entry == null) {
                    throw new IOException(source + ": the archive has no " + file.fileName());
                }
                Path parent = store.directory().file(file.relativePath()).getParent();
                try (InputStream in = archive.getInputStream(entry)) {
                    verifiedTemps.put(file, writeVerified(in, parent, file.fileName(), source + "!" + entry.getName(),
                            DownloadProgress.NONE, -1, file));
                }
            }
        }
    }

    private static ZipEntry findEntry(ZipFile archive, String fileName) {
        Enumeration<? extends ZipEntry> entries = archive.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory() && (entry.getName().equals(fileName) || entry.getName().endsWith("/" + fileName))) {
                return entry;
            }
        }
        return null;
    }

    /** Downloads {@code source} into a temporary file in {@code directory}; checks it against {@code expected} if given. */
    private Path download(URI source, Path directory, String name, DownloadProgress progress, CorpusFile expected)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(2)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(source + ": download interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(source + ": HTTP status " + response.statusCode());
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            return writeVerified(body, directory, name, source.toString(), progress, announced, expected);
        }
    }

    /**
     * Copies {@code in} into a fsynced temporary file in {@code directory}, checking the byte count
     * against {@code announcedBytes} (if known) and the sha256 against {@code expected} (if given).
     * On any failure the temporary file is deleted.
     */
    private static Path writeVerified(InputStream in, Path directory, String name, String source,
            DownloadProgress progress, long announcedBytes, CorpusFile expected) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, "." + name + ".", TEMP_SUFFIX);
        boolean ok = false;
        try {
            MessageDigest digest = Sha256.newDigest();
            long total = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                    total += n;
                    progress.update(name, total, announcedBytes);
                }
                channel.force(true);
            }
            if (announcedBytes >= 0 && total != announcedBytes) {
                throw new IOException(source + ": connection ended after " + total + " of " + announcedBytes + " bytes");
            }
            if (expected != null) {
                String actual = Sha256.hex(digest);
                if (!actual.equals(expected.sha256())) {
                    throw new IOException(source + ": sha256 mismatch for " + expected.relativePath() + " (expected "
                            + expected.sha256() + ", got " + actual + "); the download was discarded");
                }
            }
            ok = true;
            return temp;
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String fileNameOf(URI source) {
        String path = source.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void syncDirectory(Path directory) {
        // Makes the rename durable; some file systems refuse to open a directory, which is harmless.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not fsync directory {}: {}", directory, e.getMessage());
        }
    }
}
