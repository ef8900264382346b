package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.SharedData;
import io.rnnkit.datasets.TextFiles;
import io.rnnkit.datasets.VerificationCache;

class CharCorpusTest {

    /** About 180 MB measured: the JVM and ND4J's native libraries; the 40 MB text is never held in memory. */
    private static final long PEAK_RSS_CEILING_KB = 250_000;

    @TempDir
    Path temp;

    @Test
    void timeMachineWithD2lCleaningHas170580CharsAnd28Symbols() {
        CharCorpus corpus = CharCorpus.load(realStore(), Corpus.TIMEMACHINE, TextCleaning.LETTERS_AND_SPACES, true);
        assertThat(corpus.length()).isEqualTo(170_580);
        assertThat(corpus.vocabulary().size()).isEqualTo(28);
        assertThat(corpus.vocabulary().decode(corpus.tokens().copyRange(0, 29))).isEqualTo("the time machine by h g wells");
        // d2l's two most frequent symbols after <unk>: space, then 'e'.
        assertThat(corpus.vocabulary().codePointAt(1)).isEqualTo(' ');
        assertThat(corpus.vocabulary().codePointAt(2)).isEqualTo('e');
    }

    @Test
    void tinyShakespeareHas65DistinctCharacters() {
        CharCorpus corpus = CharCorpus.load(realStore(), Corpus.SHAKESPEARE, TextCleaning.NONE, false);
        assertThat(corpus.length()).isEqualTo(1_115_394);
        assertThat(corpus.vocabulary().size()).isEqualTo(65);
    }

    @Test
    void userFileInChineseAndEmojiWorks() throws Exception {
        Path file = temp.resolve("poem.txt");
        Files.writeString(file, "床前明月光，疑是地上霜。🌙\n举头望明月，低头思故乡。🌙\n", StandardCharsets.UTF_8);
        CharCorpus corpus = CharCorpus.load(file, TextCleaning.NONE, true);
        assertThat(corpus.length()).isEqualTo(28);
        assertThat(corpus.vocabulary().size()).isEqualTo(1 + 21);
        assertThat(corpus.vocabulary().decode(corpus.tokens().copyRange(0, corpus.length()))).isEqualTo(Files.readString(file));
        assertThat(corpus.vocabulary().codePointAt(corpus.tokens().get(12))).isEqualTo(0x1F319);
    }

    @Test
    void userFileProblemsAreOneLineErrors() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty.txt"));
        assertThatThrownBy(() -> CharCorpus.load(empty, TextCleaning.NONE, true))
                .isInstanceOf(UserInputException.class).hasMessage(empty + ": file is empty; check the --corpus path");
        Path digits = Files.writeString(temp.resolve("digits.txt"), "1234 5678");
        assertThatThrownBy(() -> CharCorpus.load(digits, TextCleaning.LETTERS_AND_SPACES, true))
                .isInstanceOf(UserInputException.class).hasMessage("corpus: no characters left after LETTERS_AND_SPACES cleaning");
    }

    @Test
    void missingRealCorpusNamesTheFetchCommand() {
        CorpusStore store = new CorpusStore(DataDirectory.of(temp.resolve("data")), new VerificationCache(temp.resolve("c")));
        assertThatThrownBy(() -> CharCorpus.load(store, Corpus.SHAKESPEARE, TextCleaning.NONE, false))
                .isInstanceOf(UserInputException.class).hasMessageContaining("run ./rnnkit data fetch shakespeare");
        assertThatThrownBy(() -> CharCorpus.load(store, Corpus.PTB, TextCleaning.NONE, false))
                .isInstanceOf(UserInputException.class).hasMessage("corpus: ptb is not a character corpus; use timemachine or shakespeare");
    }

    @Test
    void encodesNewTextWithASavedVocabulary() {
        CharCorpus corpus = CharCorpus.fromText("Hello World", TextCleaning.LOWERCASE, true);
        CharCorpus other = CharCorpus.fromText("HOLD!", corpus.vocabulary());
        assertThat(corpus.vocabulary().decode(other.tokens().copyRange(0, other.length()))).isEqualTo("hold\uFFFD");
    }

    @Test
    void streamedCorporaEqualTheirWholeTextEncoding() {
        CorpusStore store = realStore();
        for (Corpus known : new Corpus[] {Corpus.TIMEMACHINE, Corpus.SHAKESPEARE}) {
            TextCleaning cleaning = known == Corpus.TIMEMACHINE ? TextCleaning.LETTERS_AND_SPACES : TextCleaning.NONE;
            CharCorpus streamed = CharCorpus.load(store, known, cleaning, known == Corpus.TIMEMACHINE);
            String text = TextFiles.readUtf8(store.verifiedFile(known, known.files().get(0).fileName()), "fetch it");
            CharCorpus whole = CharCorpus.fromText(text, cleaning, known == Corpus.TIMEMACHINE);

            assertThat(streamed.tokens()).as(known.id()).isInstanceOf(TokenFile.class);
            assertThat(streamed.vocabulary()).as(known.id()).isEqualTo(whole.vocabulary());
            assertThat(streamed.tokens().copyRange(0, streamed.length())).as(known.id())
                    .isEqualTo(whole.tokens().copyRange(0, whole.length()));
        }
    }

    /**
     * A 40 MB text loads, trains a batch and is read through its validation part in a JVM whose heap (32 MB)
     * is smaller than the text: before streaming, loading alone took about six times the text's size.
     */
    @Test
    @Tag("slow")
    void aTextLargerThanTheHeapLoadsAndBatchesInBoundedMemory() throws Exception {
        Path text = temp.resolve("big.txt");
        String[] words = {"time", "machine", "traveller", "psychologist", "café", "naïve", "🚀", "the", "of", "and"};
        Random random = new Random(11);
        long characters = 0;
        try (Writer out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
            while (characters < 40_000_000) {
                String word = words[random.nextInt(words.length)];
                String separator = random.nextInt(12) == 0 ? "\n" : " ";
                out.write(word);
                out.write(separator);
                characters += word.codePointCount(0, word.length()) + 1;
            }
            out.write("end");
            characters += 3;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-") || flag.startsWith("--enable-native-access")).toList());
        command.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), CharCorpusProbe.class.getName(),
                text.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        long peakKb = 0;
        while (child.isAlive()) {
            peakKb = Math.max(peakKb, highWaterMarkKb(child.pid()));
            Thread.sleep(50);
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        String[] report = output.lines().filter(line -> line.startsWith("characters ")).findFirst().orElseThrow().split(" ");
        assertThat(Long.parseLong(report[1])).isEqualTo(characters);
        // The words' distinct code points, a space and a line feed.
        assertThat(Integer.parseInt(report[3])).isEqualTo(Arrays.stream(words).flatMapToInt(String::codePoints).distinct().count() + 2);
        assertThat(Long.parseLong(report[5])).isEqualTo(2 * 32 * 35);
        int validationBatches = (int) ((Math.round(characters * 0.95) - Math.round(characters * 0.9)) / 8 - 1) / 35;
        assertThat(Integer.parseInt(report[7])).isEqualTo(validationBatches);
        assertThat(Integer.parseInt(report[9])).isLessThanOrEqualTo(32);
        assertThat(peakKb).as("peak resident set of the child, kB").isPositive().isLessThan(PEAK_RSS_CEILING_KB);
    }

    private static long highWaterMarkKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return 0; // the child has just exited
        }
    }

    private CorpusStore realStore() {
        return new CorpusStore(DataDirectory.of(SharedData.requireDataDirectory()), new VerificationCache(temp.resolve("cache")));
    }
}
