package io.rnnkit.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.rnnkit.core.UserInputException;

/**
 * Reads a user's or a corpus's text file as strict UTF-8, turning every problem (missing, not a
 * file, unreadable, empty, not UTF-8) into a one-line {@link UserInputException} that names the
 * file, the problem and the fix.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * Reads {@code file} as UTF-8 text (a leading byte-order mark is dropped).
     *
     * @param file the file to read
     * @param fix what the user should do when the file is missing, such as
     *     {@code "run ./rnnkit data fetch ptb"}; used in every message
     */
    public static String readUtf8(Path file, String fix) {
        byte[] bytes = readBytes(file, fix);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new UserInputException(file + ": not valid UTF-8 text (bad byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + " at offset " + in.position()
                    + "); convert it to UTF-8 (for example with iconv)");
        }
        decoder.flush(out);
        out.flip();
        int start = out.length() > 0 && out.charAt(0) == '\uFEFF' ? 1 : 0;
        return out.subSequence(start, out.length()).toString();
    }

    /** Reads a file's bytes with the same checks and messages as {@link #readUtf8}, without decoding. */
    public static byte[] readBytes(Path file, String fix) {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": file not found; " + fix);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": not a regular file; give the path of a text file");
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(file + ": not readable (permission denied); fix its permissions (chmod +r)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); " + fix, e);
        }
        if (bytes.length == 0) {
            throw new UserInputException(file + ": file is empty; " + fix);
        }
        return bytes;
    }
}
