package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationCacheTest {

    private static final String SHA = "a".repeat(64);

    @TempDir
    Path temp;

    @Test
    void remembersAFileUntilItChanges() throws Exception {
        Path file = Files.writeString(temp.resolve("f.txt"), "hello");
        VerificationCache cache = new VerificationCache(temp.resolve("sub/cache.properties"));
        assertThat(cache.isVerified(file, SHA)).isFalse();
        cache.markVerified(file, SHA);
        assertThat(new VerificationCache(temp.resolve("sub/cache.properties")).isVerified(file, SHA)).isTrue();
        assertThat(cache.isVerified(file, "b".repeat(64))).isFalse();

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2_000));
        assertThat(cache.isVerified(file, SHA)).isFalse();
    }

    @Test
    void forgetRemovesTheEntry() throws Exception {
        Path file = Files.writeString(temp.resolve("f.txt"), "hello");
        VerificationCache cache = new VerificationCache(temp.resolve("cache.properties"));
        cache.markVerified(file, SHA);
        cache.forget(file);
        assertThat(cache.isVerified(file, SHA)).isFalse();
    }

    @Test
    void garbledCacheFileIsIgnored() throws Exception {
        Path file = Files.writeString(temp.resolve("f.txt"), "hello");
        Path cacheFile = Files.writeString(temp.resolve("cache.properties"), "\\u12");
        VerificationCache cache = new VerificationCache(cacheFile);
        assertThat(cache.isVerified(file, SHA)).isFalse();
        cache.markVerified(file, SHA);
        assertThat(cache.isVerified(file, SHA)).isTrue();
    }

    @Test
    void defaultLivesInRnnkitsStateDirectoryNeverInTheDataDirectory() {
        assertThat(VerificationCache.inStateDirectory(Map.of(), temp.resolve("home")).cacheFile())
                .isEqualTo(temp.resolve("home/.rnnkit/verified-cache.properties"));
        assertThat(VerificationCache.inStateDirectory(Map.of("RNNKIT_HOME", temp.resolve("state").toString()),
                temp.resolve("home")).cacheFile()).isEqualTo(temp.resolve("state/verified-cache.properties"));
    }

    @Test
    void anEditInPlaceWithItsModificationTimePutBackIsCaught() throws Exception {
        Path file = Files.writeString(temp.resolve("f.txt"), "hello");
        VerificationCache cache = new VerificationCache(temp.resolve("cache.properties"));
        cache.markVerified(file, SHA);
        FileTime modified = Files.getLastModifiedTime(file);
        // Past the file system's timestamp granularity, as any real edit after verification is.
        Thread.sleep(50);

        try (RandomAccessFile edit = new RandomAccessFile(file.toFile(), "rw")) {
            edit.write('j');
        }
        Files.setLastModifiedTime(file, modified);

        assertThat(Files.size(file)).isEqualTo(5);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
        assertThat(cache.isVerified(file, SHA)).isFalse();
    }

    @Test
    void aFileReplacedByOneOfTheSameSizeAndTimeIsCaught() throws Exception {
        Path file = Files.writeString(temp.resolve("f.txt"), "hello");
        VerificationCache cache = new VerificationCache(temp.resolve("cache.properties"));
        cache.markVerified(file, SHA);
        Path other = Files.writeString(temp.resolve("g.txt"), "jello");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));

        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(cache.isVerified(file, SHA)).isFalse();
    }
}
