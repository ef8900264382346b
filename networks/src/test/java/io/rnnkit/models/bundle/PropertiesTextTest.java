package io.rnnkit.models.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesTextTest {

    @Test
    void writesSortedLinesWithoutADateComment() {
        assertThat(PropertiesText.write(Map.of("b", "2", "a", "1", "c.d", "x y")))
                .isEqualTo("a=1\nb=2\nc.d=x y\n");
    }

    @Test
    void roundTripsLineBreaksSeparatorsAndUnicode() throws IOException {
        Map<String, String> map = Map.of("note", "two\nlines", "eq", "a=b:c", "text", "héllo ✓", "empty", "");

        assertThat(PropertiesText.read(PropertiesText.write(map))).isEqualTo(map);
    }
}
