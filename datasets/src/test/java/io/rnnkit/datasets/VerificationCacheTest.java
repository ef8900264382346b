package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

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
    void defaultLivesInAWritableDataDirectoryElseInHome() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        assertThat(VerificationCache.forDirectory(DataDirectory.of(data), temp.resolve("home")).cacheFile())
                .isEqualTo(data.resolve(".rnnkit-verified"));
        assertThat(VerificationCache.forDirectory(DataDirectory.of(temp.resolve("absent")), temp.resolve("home")).cacheFile())
                .isEqualTo(temp.resolve("home/.rnnkit/verified-cache.properties"));
    }
}
