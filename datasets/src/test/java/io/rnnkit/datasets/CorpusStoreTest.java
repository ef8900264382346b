package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rnnkit.core.UserInputException;

class CorpusStoreTest {

    @TempDir
    Path temp;

    private CorpusStore store;
    private Path timeMachine;

    @BeforeEach
    void setUp() {
        store = new CorpusStore(DataDirectory.of(temp.resolve("data")), new VerificationCache(temp.resolve("cache.properties")));
        timeMachine = temp.resolve("data/timemachine/timemachine.txt");
    }

    @Test
    void missingFileIsReportedWithTheFetchCommand() {
        assertThat(store.status(Corpus.TIMEMACHINE, true)).isEqualTo(CorpusStatus.MISSING);
        assertThatThrownBy(() -> store.verifiedFile(Corpus.TIMEMACHINE, "timemachine.txt"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(timeMachine + ": timemachine file not found in data directory")
                .hasMessageContaining("run ./rnnkit data fetch timemachine")
                .hasMessageNotContaining("\n");
    }

    @Test
    void realFileIsPresentThenVerifiedAndCached() throws Exception {
        copyRealTimeMachine();
        assertThat(store.status(Corpus.TIMEMACHINE, false)).isEqualTo(CorpusStatus.PRESENT);
        assertThat(store.status(Corpus.TIMEMACHINE, true)).isEqualTo(CorpusStatus.VERIFIED);
        assertThat(store.cache().isVerified(timeMachine, Corpus.TIMEMACHINE.files().get(0).sha256())).isTrue();
        // Once cached, even the cheap status (no hashing) knows the file is verified.
        assertThat(store.status(Corpus.TIMEMACHINE, false)).isEqualTo(CorpusStatus.VERIFIED);
        assertThat(store.verifiedFile(Corpus.TIMEMACHINE, "timemachine.txt")).isEqualTo(timeMachine);
        assertThat(Files.readString(temp.resolve("cache.properties"))).contains("timemachine.txt").contains("178979 ");
    }

    @Test
    void flippedByteGivesAClearSha256Error() throws Exception {
        copyRealTimeMachine();
        store.verifiedFile(Corpus.TIMEMACHINE, "timemachine.txt");
        byte[] bytes = Files.readAllBytes(timeMachine);
        bytes[1000] ^= 0x01;
        Files.write(timeMachine, bytes);
        Files.setLastModifiedTime(timeMachine, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(store.status(Corpus.TIMEMACHINE, false)).isEqualTo(CorpusStatus.PRESENT);
        assertThat(store.status(Corpus.TIMEMACHINE, true)).isEqualTo(CorpusStatus.CORRUPT);
        assertThatThrownBy(() -> store.verifiedFile(Corpus.TIMEMACHINE, "timemachine.txt"))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(timeMachine + ": sha256 mismatch (expected "
                        + "8424dbd9532ac81f7e5f0b6add90e6952baea29158309d7d1bf3884f4e12c516, got ")
                .hasMessageEndingWith("the file is damaged or a different version; delete it and run "
                        + "./rnnkit data fetch timemachine");
    }

    @Test
    void wrongSizeIsCorruptWithoutHashing() throws Exception {
        Files.createDirectories(timeMachine.getParent());
        Files.writeString(timeMachine, "too short");
        assertThat(store.status(Corpus.TIMEMACHINE, false)).isEqualTo(CorpusStatus.CORRUPT);
        assertThatThrownBy(() -> store.verifiedFile(Corpus.TIMEMACHINE, "timemachine.txt"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("size is 9 bytes, expected 178979");
    }

    @Test
    void listSummarizesEachCorpusByItsWorstFile() throws Exception {
        copyRealTimeMachine();
        Path train = temp.resolve("data/ptb/ptb.train.txt");
        Files.createDirectories(train.getParent());
        Files.writeString(train, "x");
        assertThat(store.list(true)).containsExactly(
                java.util.Map.entry(Corpus.PTB, CorpusStatus.CORRUPT),
                java.util.Map.entry(Corpus.TIMEMACHINE, CorpusStatus.VERIFIED),
                java.util.Map.entry(Corpus.SHAKESPEARE, CorpusStatus.MISSING),
                java.util.Map.entry(Corpus.UCI, CorpusStatus.MISSING));
    }

    private void copyRealTimeMachine() throws Exception {
        Path source = SharedData.requireServableDirectory().resolve("timemachine/timemachine.txt");
        Files.createDirectories(timeMachine.getParent());
        Files.copy(source, timeMachine);
    }
}
