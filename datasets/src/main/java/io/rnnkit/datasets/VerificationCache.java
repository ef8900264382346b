package io.rnnkit.datasets;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which files were verified, keyed by absolute path, with their size, modification time, status-change
 * time, inode and sha256, so a sha256 is only recomputed when a file changes. The status-change time and inode
 * catch what size and modification time miss: an edit in place whose modification time was put back
 * ({@code touch -r}), or a file replaced by another of the same size and time.
 *
 * <p>The cache is a small properties file in rnnkit's own state directory, never in the data directory, which
 * rnnkit only reads. Failing to write it only costs a recomputation next time, so write errors are logged, not
 * thrown.
 */
public final class VerificationCache {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationCache.class);

    private final Path cacheFile;

    /** A cache stored in {@code cacheFile} (created on first write). */
    public VerificationCache(Path cacheFile) {
        this.cacheFile = cacheFile.toAbsolutePath().normalize();
    }

    /** The environment variable naming rnnkit's state directory (default {@code ~/.rnnkit}); tests point it elsewhere. */
    public static final String HOME_VARIABLE = "RNNKIT_HOME";

    /**
     * The cache in rnnkit's state directory: {@code $RNNKIT_HOME/verified-cache.properties}, else
     * {@code ~/.rnnkit/verified-cache.properties}.
     */
    public static VerificationCache inStateDirectory(Map<String, String> environment, Path userHome) {
        String home = environment.get(HOME_VARIABLE);
        Path state = home != null && !home.isBlank() ? Path.of(home.trim()) : userHome.resolve(".rnnkit");
        return new VerificationCache(state.resolve("verified-cache.properties"));
    }

    /** {@link #inStateDirectory} for the real environment and {@code user.home}. */
    public static VerificationCache inStateDirectory() {
        return inStateDirectory(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Where the cache lives. */
    public Path cacheFile() {
        return cacheFile;
    }

    /** Whether {@code file} was verified to have {@code sha256} and has not changed since. */
    public synchronized boolean isVerified(Path file, String sha256) {
        String entry = load().getProperty(key(file));
        return entry != null && entry.equals(fingerprint(file, sha256));
    }

    /** Records that {@code file}, as it is now, has {@code sha256}. */
    public synchronized void markVerified(Path file, String sha256) {
        String fingerprint = fingerprint(file, sha256);
        if (fingerprint == null) {
            return;
        }
        Properties properties = load();
        properties.setProperty(key(file), fingerprint);
        store(properties);
    }

    /** Forgets a file (after it was found corrupt or replaced). */
    public synchronized void forget(Path file) {
        Properties properties = load();
        if (properties.remove(key(file)) != null) {
            store(properties);
        }
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static String fingerprint(Path file, String sha256) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + statusChange(file)
                    + " " + attributes.fileKey() + " " + sha256;
        } catch (IOException e) {
            return null;
        }
    }

    /** The status-change time (ctime), which no user call can set back, where the file system has one. */
    private static String statusChange(Path file) throws IOException {
        try {
            return Files.getAttribute(file, "unix:ctime").toString();
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return "-";
        }
    }

    private Properties load() {
        Properties properties = new Properties();
        if (Files.isRegularFile(cacheFile)) {
            try (Reader reader = Files.newBufferedReader(cacheFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Ignoring unreadable verification cache {}: {}", cacheFile, e.getMessage());
                properties.clear();
            }
        }
        return properties;
    }

    private void store(Properties properties) {
        try {
            Files.createDirectories(cacheFile.getParent());
            Path temp = Files.createTempFile(cacheFile.getParent(), ".verified-", ".tmp");
            try {
                try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    properties.store(writer, "rnnkit sha256 verification cache: path = size mtime ctime file-key sha256");
                }
                moveAtomically(temp, cacheFile);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.warn("Could not write verification cache {}: {}", cacheFile, e.getMessage());
        }
    }

    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
