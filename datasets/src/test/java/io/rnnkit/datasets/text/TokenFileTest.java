package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rnnkit.core.UserInputException;

class TokenFileTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"256, 1", "257, 2", "65536, 2", "65537, 4"})
    void storesEveryIdInTheNarrowestWidth(int vocabulary, int width) throws Exception {
        int[] ids = IntStream.range(0, 1000).map(i -> (i * 7919) % vocabulary).toArray();
        ids[999] = vocabulary - 1;
        TokenFile file = TokenFile.write(temp.resolve("ids"), vocabulary, ids.length, "test", out -> IntStream.of(ids).forEach(out));

        assertThat(TokenFile.widthFor(vocabulary)).isEqualTo(width);
        assertThat(Files.size(file.path())).isEqualTo(1000L * width);
        assertThat(file.length()).isEqualTo(1000);
        assertThat(file.copyRange(0, 1000)).isEqualTo(ids);
        assertThat(file.slice(990, 1000).slice(5, 10).copyRange(0, 5)).containsExactly(ids[995], ids[996], ids[997], ids[998], ids[999]);
    }

    @Test
    void writesPastItsBufferAndSurvivesSerialization() throws Exception {
        int count = 3_000_000;
        TokenFile file = TokenFile.write(temp.resolve("ids"), 300, count, "test", out -> IntStream.range(0, count).map(i -> i % 300).forEach(out));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(file.slice(1_000_000, 3_000_000));
        }
        TokenSequence copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TokenSequence) in.readObject();
        }

        assertThat(bytes.size()).isLessThan(1000);
        assertThat(copy.length()).isEqualTo(2_000_000);
        assertThat(copy.get(0)).isEqualTo(1_000_000 % 300);
        assertThat(copy.get(1_999_999)).isEqualTo(2_999_999 % 300);
    }

    @Test
    void aSourceThatGivesAnotherCountIsRefused() {
        assertThatThrownBy(() -> TokenFile.write(temp.resolve("ids"), 10, 5, "notes.txt", out -> out.accept(1)))
                .isInstanceOf(UserInputException.class)
                .hasMessage("notes.txt: changed while it was read (5 characters, then 1); run again");
    }

    @Test
    void slicesOutsideTheSequenceThrow() {
        TokenSequence ids = TokenSequence.of(new int[] {1, 2, 3});
        assertThatThrownBy(() -> ids.slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("slice [2, 4) of 3 tokens");
        assertThatThrownBy(() -> ids.slice(1, 3).get(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("token 2 of 2");
    }
}
