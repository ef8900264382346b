package io.rnnkit.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rnnkit.core.UserInputException;

/**
 * Reads a user's or a corpus's text file as strict UTF-8, whole or in chunks, turning every problem
 * (missing, not a file, unreadable, empty, not UTF-8) into a one-line {@link UserInputException} that
 * names the file, the problem and the fix.
 */
public final class TextFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TextFiles.class);
    private static final int CHUNK = 1 << 20;
    private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

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
        StringBuilder text = new StringBuilder();
        streamUtf8(file, fix, "reading", text::append);
        return text.toString();
    }

    /**
     * Decodes {@code file} as UTF-8 in chunks of about a megabyte and hands each to {@code chunks} (a
     * leading byte-order mark is dropped; a surrogate pair may be split between two chunks). Reads that
     * take longer than a few seconds log their progress, naming {@code activity}.
     */
    public static void streamUtf8(Path file, String fix, String activity, Consumer<CharBuffer> chunks) {
        long size = requireReadable(file, fix);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(CHUNK);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        long consumed = 0;
        boolean first = true;
        long started = System.nanoTime();
        long lastLine = started;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                end = n < 0;
                in.position(in.position() + Math.max(n, 0));
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, end);
                if (result.isError()) {
                    throw new UserInputException(file + ": not valid UTF-8 text (bad byte 0x"
                            + String.format("%02x", in.get(in.position()) & 0xff) + " at offset "
                            + (consumed + in.position() - before) + "); convert it to UTF-8 (for example with iconv)");
                }
                consumed += in.position() - before;
                in.compact();
                if (end) {
                    decoder.flush(out);
                }
                out.flip();
                if (first && out.hasRemaining() && out.get(out.position()) == '\uFEFF') {
                    out.get();
                }
                first = first && !out.hasRemaining();
                chunks.accept(out);
                out.clear();
                long now = System.nanoTime();
                if (now - lastLine >= PROGRESS_INTERVAL_NANOS) {
                    lastLine = now;
                    LOG.info("{}: {}, {} of {} MB", file.getFileName(), activity, consumed >> 20, size >> 20);
                }
            }
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); " + fix, e);
        }
    }

    /** Reads a file's bytes with the same checks and messages as {@link #readUtf8}, without decoding. */
    public static byte[] readBytes(Path file, String fix) {
        requireReadable(file, fix);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); " + fix, e);
        }
    }

    /** The size of a readable, non-empty regular file; a one-line error otherwise. */
    private static long requireReadable(Path file, String fix) {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": file not found; " + fix);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": not a regular file; give the path of a text file");
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(file + ": not readable (permission denied); fix its permissions (chmod +r)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); " + fix, e);
        }
        if (size == 0) {
            throw new UserInputException(file + ": file is empty; " + fix);
        }
        return size;
    }
}
