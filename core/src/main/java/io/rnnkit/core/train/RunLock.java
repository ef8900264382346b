package io.rnnkit.core.train;

import io.rnnkit.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run directory, so that two processes never write one run.
 *
 * <p>It is an operating-system file lock on {@value #FILE_NAME}: released when the process exits, however it
 * exits, so a lock left by a {@code kill -9} is free again at once. The file stays behind (deleting it would let a
 * third process lock a new file while the second still holds the old one); it holds the holder's process id.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file inside the run directory. */
    public static final String FILE_NAME = ".rnnkit.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the existing directory {@code root}; if another process holds it, fails with a one-line error that
     * names {@code option} and that process.
     */
    public static RunLock acquire(Path root, String option) {
        Path file = root.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserInputException(option + ": cannot lock " + root + " (" + IoReasons.of(e) + ")");
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new UserInputException(option + ": " + root + " is in use by another rnnkit process"
                        + holder + "; wait for it to finish or choose another directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing; the lock dies with the channel or the process.
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
