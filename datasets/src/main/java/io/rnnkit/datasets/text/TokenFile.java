package io.rnnkit.datasets.text;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rnnkit.core.UserInputException;

/**
 * Token ids in a file, memory-mapped, so a corpus of any size costs the heap nothing: 1 byte per id
 * for vocabularies of up to 256 symbols, 2 up to 65,536, else 4. The operating system pages the ids
 * in and out as the samplers read them.
 */
public final class TokenFile implements TokenSequence {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
    private static final int WRITE_BUFFER = 1 << 20;

    /** A string: {@link Path} is not serializable. */
    private final String path;
    private final int width;
    private final int length;
    private transient ByteBuffer ids;

    private TokenFile(Path path, int width, int length) {
        this.path = path.toString();
        this.width = width;
        this.length = length;
        this.ids = map();
    }

    /** Bytes per id for a vocabulary of {@code vocabularySize} symbols. */
    public static int widthFor(int vocabularySize) {
        return vocabularySize <= 1 << 8 ? 1 : vocabularySize <= 1 << 16 ? 2 : 4;
    }

    /**
     * Writes the ids {@code producer} passes on into {@code file} and maps it.
     *
     * @param expected how many ids the producer must give (the file is refused otherwise)
     * @param source what the ids come from, named in the error when their count differs
     */
    public static TokenFile write(Path file, int vocabularySize, int expected, String source,
                                  Consumer<IntConsumer> producer) throws IOException {
        int width = widthFor(vocabularySize);
        if ((long) expected * width > Integer.MAX_VALUE) {
            throw new UserInputException(source + ": " + expected + " characters over " + vocabularySize
                    + " symbols take more than 2 GB as ids; use a shorter text");
        }
        long written;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer writer = new Writer(channel, width);
            producer.accept(writer);
            writer.flush();
            written = writer.count;
        }
        if (written != expected) {
            throw new UserInputException(source + ": changed while it was read (" + expected + " characters, then "
                    + written + "); run again");
        }
        return new TokenFile(file, width, expected);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int get(int index) {
        return switch (width) {
            case 1 -> ids.get(index) & 0xff;
            case 2 -> ids.getShort(index * 2) & 0xffff;
            default -> ids.getInt(index * 4);
        };
    }

    /** The file the ids are mapped from. */
    public Path path() {
        return Path.of(path);
    }

    private ByteBuffer map() {
        try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) length * width);
            return mapped.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the token file " + path, e);
        }
    }

    /** A deserialized copy (on a Spark executor, say) maps the same file, which it must be able to read. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        ids = map();
        LOG.debug("mapped the token file {} ({} ids)", path, length);
    }

    /** Buffers ids into the file in the chosen width. */
    private static final class Writer implements IntConsumer {
        private final FileChannel channel;
        private final int width;
        private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private long count;

        Writer(FileChannel channel, int width) {
            this.channel = channel;
            this.width = width;
        }

        @Override
        public void accept(int id) {
            if (buffer.remaining() < width) {
                flush();
            }
            switch (width) {
                case 1 -> buffer.put((byte) id);
                case 2 -> buffer.putShort((short) id);
                default -> buffer.putInt(id);
            }
            count++;
        }

        void flush() {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.clear();
        }
    }
}
