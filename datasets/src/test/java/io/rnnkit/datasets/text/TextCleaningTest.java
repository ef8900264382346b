package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.SharedData;
import io.rnnkit.datasets.TextFiles;

class TextCleaningTest {

    private static final String MIXED = "The Time Machine, by H. G. Wells [1898]\r\n\n  ΟΔΥΣΣΕΥΣ ΣΑΣ σ\n🚀x😀 İstanbul\tÄBC Straße! 12\n";

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

    @Test
    void eachCleaningEqualsItsWholeTextDefinition() {
        assertThat(TextCleaning.NONE.apply(MIXED)).isEqualTo(MIXED);
        // Final sigma (ς) where a word ends: lowercasing a line at a time keeps its context.
        assertThat(TextCleaning.LOWERCASE.apply(MIXED)).isEqualTo(MIXED.toLowerCase(Locale.ROOT)).contains("οδυσσευς σας σ");
        assertThat(TextCleaning.LETTERS_AND_SPACES.apply(MIXED)).isEqualTo(d2lRegexCleaning(MIXED));
    }

    @Test
    void chunksCutAnywhereGiveTheWholeTextsCleaning() {
        Random random = new Random(5);
        for (TextCleaning cleaning : TextCleaning.values()) {
            for (int trial = 0; trial < 200; trial++) {
                StringBuilder out = new StringBuilder();
                StreamingCleaner cleaner = cleaning.cleaner(out::appendCodePoint);
                int from = 0;
                while (from < MIXED.length()) {
                    int to = Math.min(MIXED.length(), from + random.nextInt(6));
                    cleaner.accept(MIXED.substring(from, to));
                    from = to;
                }
                cleaner.finish();
                assertThat(out.toString()).as(cleaning + " trial " + trial).isEqualTo(cleaning.apply(MIXED));
            }
        }
    }

    @Test
    void aLoneSurrogatePassesOnAsItself() {
        String broken = "a\uD83Db\uD83D";
        assertThat(TextCleaning.NONE.apply(broken).codePoints().toArray()).isEqualTo(broken.codePoints().toArray());
    }

    @Test
    void lettersAndSpacesEqualsD2lsRegexesOnTheTimeMachine() {
        String text = TextFiles.readUtf8(SharedData.requireDataDirectory().resolve(Corpus.TIMEMACHINE.files().get(0).relativePath()), "fetch it");
        String cleaned = TextCleaning.LETTERS_AND_SPACES.apply(text);
        assertThat(cleaned).hasSize(170_580).isEqualTo(d2lRegexCleaning(text));
    }

    /** d2l's definition, as rnnkit computed it before cleaning streamed: regexes over each whole line. */
    private static String d2lRegexCleaning(String text) {
        Pattern nonLetters = Pattern.compile("[^A-Za-z]+");
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(nonLetters.matcher(line).replaceAll(" ").strip().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
