package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleaningTest {

    @Test
    void lettersAndSpacesFollowsD2lPerLine() {
        String raw = "The Time Machine, by H. G. Wells [1898]\n\n\nI\n  It's 12 o'clock!\r\n";
        assertThat(TextCleaning.LETTERS_AND_SPACES.apply(raw))
                .isEqualTo("the time machine by h g wells" + "i" + "it s o clock");
    }

    @Test
    void lowercaseAndNone() {
        assertThat(TextCleaning.LOWERCASE.apply("ÄBC Straße")).isEqualTo("äbc straße");
        assertThat(TextCleaning.NONE.apply("ÄBC\n")).isEqualTo("ÄBC\n");
    }
}
