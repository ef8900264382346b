package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldRunIsRefusedWithTheHoldersProcessId() throws Exception {
        try (RunLock held = RunLock.acquire(dir, "--out")) {
            long pid = ProcessHandle.current().pid();

            assertThat(Files.readString(dir.resolve(RunLock.FILE_NAME)).strip()).isEqualTo(Long.toString(pid));
            assertThatThrownBy(() -> RunLock.acquire(dir, "--resume"))
                    .isInstanceOf(UserInputException.class)
                    .hasMessage("--resume: " + dir + " is in use by another rnnkit process (pid " + pid
                            + "); wait for it to finish or choose another directory");
        }
    }

    @Test
    void aReleasedLockCanBeTakenAgain() throws Exception {
        RunLock.acquire(dir, "--out").close();

        try (RunLock again = RunLock.acquire(dir, "--out")) {
            assertThat(dir.resolve(RunLock.FILE_NAME)).exists();
        }
    }

    @Test
    void lockingCreatesANewRunDirectoryOnlyWhenAsked() {
        assertThatThrownBy(() -> RunDirectory.lock(dir.resolve("none"), "--resume", false))
                .isInstanceOf(UserInputException.class).hasMessageEndingWith("none does not exist");
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void aDirectoryThatCannotBeCreatedSaysWhy() {
        assertThatThrownBy(() -> RunDirectory.lock(Path.of("/proc/rnnkit-run"), "--out", true))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--out: cannot create /proc/rnnkit-run (")
                .hasMessageNotContaining("()");
    }
}
