package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rnnkit.core.UserInputException;

class TextFilesTest {

    private static final String FIX = "run ./rnnkit data fetch ptb";

    @TempDir
    Path temp;

    @Test
    void readsUtf8AndDropsTheByteOrderMark() throws Exception {
        Path file = temp.resolve("t.txt");
        Files.write(file, ("\uFEFF时间 🚀").getBytes(StandardCharsets.UTF_8));
        assertThat(TextFiles.readUtf8(file, FIX)).isEqualTo("时间 🚀");
    }

    @Test
    void missingFile() {
        Path file = temp.resolve("absent.txt");
        assertThatThrownBy(() -> TextFiles.readUtf8(file, FIX))
                .isInstanceOf(UserInputException.class)
                .hasMessage(file + ": file not found; run ./rnnkit data fetch ptb");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(temp.resolve("empty.txt"));
        assertThatThrownBy(() -> TextFiles.readUtf8(file, FIX))
                .isInstanceOf(UserInputException.class)
                .hasMessage(file + ": file is empty; run ./rnnkit data fetch ptb");
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> TextFiles.readUtf8(temp, FIX))
                .isInstanceOf(UserInputException.class)
                .hasMessage(temp + ": not a regular file; give the path of a text file");
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = Files.writeString(temp.resolve("secret.txt"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");
        assertThatThrownBy(() -> TextFiles.readUtf8(file, FIX))
                .isInstanceOf(UserInputException.class)
                .hasMessage(file + ": not readable (permission denied); fix its permissions (chmod +r)");
    }

    @Test
    void nonUtf8FileNamesTheOffendingByte() throws Exception {
        Path file = temp.resolve("latin1.txt");
        Files.write(file, "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TextFiles.readUtf8(file, FIX))
                .isInstanceOf(UserInputException.class)
                .hasMessage(file + ": not valid UTF-8 text (bad byte 0xe9 at offset 3); convert it to UTF-8 (for example with iconv)");
    }

    @Test
    void streamsChunksWithoutSplittingTextAndNamesABadByteFarIn() throws Exception {
        Path file = temp.resolve("long.txt");
        String line = "zeit 时间 🚀\n";
        String text = line.repeat(300_000);
        Files.writeString(file, text);
        StringBuilder streamed = new StringBuilder();
        int[] chunks = {0};
        TextFiles.streamUtf8(file, FIX, "reading", chunk -> {
            streamed.append(chunk);
            chunks[0]++;
        });
        assertThat(chunks[0]).isGreaterThan(4);
        assertThat(streamed.toString()).isEqualTo(text);

        byte[] bytes = Files.readAllBytes(file);
        bytes[3_000_001] = (byte) 0xff;
        Files.write(file, bytes);
        assertThatThrownBy(() -> TextFiles.streamUtf8(file, FIX, "reading", chunk -> { }))
                .isInstanceOf(UserInputException.class)
                .hasMessage(file + ": not valid UTF-8 text (bad byte 0xff at offset 3000001); convert it to UTF-8 (for example with iconv)");
    }
}
