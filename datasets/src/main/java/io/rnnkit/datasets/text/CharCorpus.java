package io.rnnkit.datasets.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.TextFiles;

/**
 * A text as a {@link TokenSequence} of character ids with its {@link CharVocabulary}, and its two
 * samplers. Files are read as streams, twice (to count the symbols, then to encode them into a
 * memory-mapped {@link TokenFile}), so the heap never holds the text and a corpus of any size loads in
 * bounded memory.
 */
public final class CharCorpus {

    private static final Logger LOG = LoggerFactory.getLogger(CharCorpus.class);

    private final CharVocabulary vocabulary;
    private final TokenSequence tokens;

    private CharCorpus(CharVocabulary vocabulary, TokenSequence tokens) {
        this.vocabulary = vocabulary;
        this.tokens = tokens;
    }

    /** Cleans {@code text} and builds a vocabulary from it. */
    public static CharCorpus fromText(String text, TextCleaning cleaning, boolean withUnknown) {
        String cleaned = cleaning.apply(text);
        if (cleaned.isEmpty()) {
            throw noCharactersLeft(cleaning);
        }
        CharVocabulary vocabulary = CharVocabulary.build(cleaned, cleaning, withUnknown);
        return new CharCorpus(vocabulary, TokenSequence.of(vocabulary.encodeCleaned(cleaned)));
    }

    /** Encodes {@code text} with an existing vocabulary (such as one saved with a model). */
    public static CharCorpus fromText(String text, CharVocabulary vocabulary) {
        return new CharCorpus(vocabulary, TokenSequence.of(vocabulary.encode(text)));
    }

    /** A user's own UTF-8 text file ({@code --corpus FILE}). */
    public static CharCorpus load(Path file, TextCleaning cleaning, boolean withUnknown) {
        return stream(file, "check the --corpus path", cleaning, withUnknown, null);
    }

    /**
     * A verified character corpus from the data directory: {@link Corpus#TIMEMACHINE} or
     * {@link Corpus#SHAKESPEARE}.
     */
    public static CharCorpus load(CorpusStore store, Corpus corpus, TextCleaning cleaning, boolean withUnknown) {
        return stream(verifiedFile(store, corpus), "run " + corpus.fetchCommand(), cleaning, withUnknown, null);
    }

    /**
     * As {@link #load(Path, TextCleaning, boolean)}, with the ids written into {@code shared}, a directory every
     * Spark node can read, and kept there until this JVM exits: executors then read their batches from it.
     */
    public static CharCorpus loadShared(Path file, TextCleaning cleaning, boolean withUnknown, Path shared) {
        return stream(file, "check the --corpus path", cleaning, withUnknown, shared);
    }

    /** As {@link #load(CorpusStore, Corpus, TextCleaning, boolean)}, with the ids kept in {@code shared}. */
    public static CharCorpus loadShared(CorpusStore store, Corpus corpus, TextCleaning cleaning, boolean withUnknown,
                                        Path shared) {
        return stream(verifiedFile(store, corpus), "run " + corpus.fetchCommand(), cleaning, withUnknown, shared);
    }

    private static Path verifiedFile(CorpusStore store, Corpus corpus) {
        if (corpus != Corpus.TIMEMACHINE && corpus != Corpus.SHAKESPEARE) {
            throw new UserInputException("corpus: " + corpus.id() + " is not a character corpus; use timemachine or shakespeare");
        }
        return store.verifiedFile(corpus, corpus.files().get(0).fileName());
    }

    /**
     * Counts the cleaned symbols in one pass, then encodes them in a second into a token file. A temporary
     * one is unlinked once mapped (the mapping keeps it alive, and nothing is left behind); one in a shared
     * directory stays until this JVM exits.
     */
    private static CharCorpus stream(Path file, String fix, TextCleaning cleaning, boolean withUnknown, Path shared) {
        long started = System.nanoTime();
        CodePointCounts counts = new CodePointCounts();
        read(file, fix, "counting characters", cleaning.cleaner(counts));
        if (counts.total() == 0) {
            throw noCharactersLeft(cleaning);
        }
        if (counts.total() > Integer.MAX_VALUE) {
            throw new UserInputException(file + ": " + counts.total() + " characters after cleaning, more than the "
                    + Integer.MAX_VALUE + " rnnkit can index; use a shorter text");
        }
        CharVocabulary vocabulary = CharVocabulary.build(counts, cleaning, withUnknown);
        Path ids = null;
        try {
            ids = shared == null ? Files.createTempFile("rnnkit-chars-", ".ids") : sharedFile(shared);
            TokenFile tokens = TokenFile.write(ids, vocabulary.size(), (int) counts.total(), file.toString(),
                    writer -> read(file, fix, "encoding characters", cleaning.cleaner(cp -> writer.accept(vocabulary.indexOf(cp)))));
            LOG.info("{}: {} characters, {} symbols, encoded in {} s", file.getFileName(), tokens.length(), vocabulary.size(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
            return new CharCorpus(vocabulary, tokens);
        } catch (IOException | UncheckedIOException e) {
            throw new UserInputException(file + ": cannot write its encoded form to " + (ids == null ? "the temporary directory" : ids)
                    + " (" + e.getMessage() + "); free space there or " + (shared == null ? "point java.io.tmpdir elsewhere"
                    : "choose another --spark-data directory"), e);
        } finally {
            if (shared == null) {
                deleteQuietly(ids);
            } else if (ids != null) {
                ids.toFile().deleteOnExit();
            }
        }
    }

    /** A new ids file in {@code shared}, readable by all: executors may run as another user than the driver. */
    private static Path sharedFile(Path shared) throws IOException {
        Path file = Files.createTempFile(Files.createDirectories(shared), "rnnkit-chars-", ".ids");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return file;
    }

    private static void read(Path file, String fix, String activity, StreamingCleaner cleaner) {
        TextFiles.streamUtf8(file, fix, activity, cleaner::accept);
        cleaner.finish();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private static UserInputException noCharactersLeft(TextCleaning cleaning) {
        return new UserInputException("corpus: no characters left after " + cleaning + " cleaning");
    }

    /** The vocabulary. */
    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The ids of the whole text. */
    public TokenSequence tokens() {
        return tokens;
    }

    /** Number of characters (code points) after cleaning. */
    public int length() {
        return tokens.length();
    }

    /** Contiguous streams for stateful training (see {@link SequentialTokenIterator}). */
    public SequentialTokenIterator sequential(TokenBatchShape shape, Long offsetSeed) {
        return new SequentialTokenIterator(tokens, vocabulary.size(), shape, offsetSeed);
    }

    /** Shuffled random windows (see {@link RandomWindowIterator}). */
    public RandomWindowIterator randomWindows(TokenBatchShape shape, long seed) {
        return new RandomWindowIterator(tokens, vocabulary.size(), shape, seed);
    }
}
