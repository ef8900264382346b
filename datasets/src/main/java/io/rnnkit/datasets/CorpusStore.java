package io.rnnkit.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rnnkit.core.UserInputException;

/**
 * The corpora in one data directory: their status for {@code data list}, and verified paths for
 * loaders. Each file's sha256 is checked on first use and the result cached.
 */
public final class CorpusStore {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusStore.class);

    private final DataDirectory directory;
    private final VerificationCache cache;

    /** A store over {@code directory} that remembers verified files in {@code cache}. */
    public CorpusStore(DataDirectory directory, VerificationCache cache) {
        this.directory = directory;
        this.cache = cache;
    }

    /** A store with the cache in rnnkit's state directory (never in {@code directory}, which is only read). */
    public static CorpusStore open(DataDirectory directory) {
        return new CorpusStore(directory, VerificationCache.inStateDirectory());
    }

    /** The data directory. */
    public DataDirectory directory() {
        return directory;
    }

    /** The verification cache. */
    public VerificationCache cache() {
        return cache;
    }

    /**
     * The status of one file.
     *
     * @param verify compute the sha256 if the cache does not already vouch for the file; without it a
     *     present but unchecked file is {@link CorpusStatus#PRESENT}
     */
    public CorpusStatus status(CorpusFile file, boolean verify) {
        Path path = directory.file(file.relativePath());
        if (!Files.isRegularFile(path)) {
            return CorpusStatus.MISSING;
        }
        if (cache.isVerified(path, file.sha256())) {
            return CorpusStatus.VERIFIED;
        }
        if (sizeOf(path) != file.bytes()) {
            return CorpusStatus.CORRUPT;
        }
        if (!verify) {
            return CorpusStatus.PRESENT;
        }
        return sha256Of(path).equals(file.sha256()) ? markVerified(path, file) : CorpusStatus.CORRUPT;
    }

    /** The status of a whole corpus: the worst status of its files. */
    public CorpusStatus status(Corpus corpus, boolean verify) {
        CorpusStatus summary = CorpusStatus.VERIFIED;
        for (CorpusFile file : corpus.files()) {
            summary = summary.worse(status(file, verify));
        }
        return summary;
    }

    /** Every corpus with its status, in catalog order, for {@code data list}. */
    public Map<Corpus, CorpusStatus> list(boolean verify) {
        Map<Corpus, CorpusStatus> statuses = new LinkedHashMap<>();
        for (Corpus corpus : Corpus.values()) {
            statuses.put(corpus, status(corpus, verify));
        }
        return statuses;
    }

    /**
     * The path of a corpus file after checking its sha256 (once; later calls use the cache).
     *
     * @throws UserInputException when the file is missing or does not match its sha256, naming the
     *     file and the fetch command
     */
    public Path verifiedFile(Corpus corpus, String fileName) {
        CorpusFile file = corpus.file(fileName);
        Path path = directory.file(file.relativePath());
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(path + ": " + corpus.id() + " file not found in data directory "
                    + directory + "; run " + corpus.fetchCommand() + " or point --data-dir/"
                    + DataDirectory.ENV_VARIABLE + " at a directory that has it");
        }
        if (cache.isVerified(path, file.sha256())) {
            return path;
        }
        long size = sizeOf(path);
        if (size != file.bytes()) {
            throw corrupt(corpus, path, "size is " + size + " bytes, expected " + file.bytes());
        }
        String actual = sha256Of(path);
        if (!actual.equals(file.sha256())) {
            cache.forget(path);
            throw corrupt(corpus, path, "sha256 mismatch (expected " + file.sha256() + ", got " + actual + ")");
        }
        markVerified(path, file);
        return path;
    }

    private CorpusStatus markVerified(Path path, CorpusFile file) {
        LOG.debug("Verified {} (sha256 {})", path, file.sha256());
        cache.markVerified(path, file.sha256());
        return CorpusStatus.VERIFIED;
    }

    private static UserInputException corrupt(Corpus corpus, Path path, String problem) {
        return new UserInputException(path + ": " + problem + ", the file is damaged or a different version; delete it and run "
                + corpus.fetchCommand());
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UserInputException(path + ": cannot read its size (" + e.getMessage() + "); check its permissions", e);
        }
    }

    private static String sha256Of(Path path) {
        try {
            return Sha256.of(path);
        } catch (IOException e) {
            throw new UserInputException(path + ": cannot be read (" + e.getMessage() + "); check its permissions", e);
        }
    }
}
