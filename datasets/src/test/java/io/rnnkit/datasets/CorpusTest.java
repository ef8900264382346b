package io.rnnkit.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rnnkit.core.UserInputException;

class CorpusTest {

    @Test
    void catalogMatchesTheSharedSha256Sums() throws Exception {
        Path data = SharedData.requireServableDirectory();
        List<String> lines = Files.readAllLines(data.resolve("SHA256SUMS"));
        int matched = 0;
        for (Corpus corpus : Corpus.values()) {
            for (CorpusFile file : corpus.files()) {
                assertThat(lines).contains(file.sha256() + "  " + file.relativePath());
                assertThat(Files.size(data.resolve(file.relativePath()))).isEqualTo(file.bytes());
                matched++;
            }
        }
        assertThat(matched).isEqualTo(lines.size()).isEqualTo(6);
    }

    @Test
    void looksUpByIdIgnoringCase() {
        assertThat(Corpus.byId("PTB")).isEqualTo(Corpus.PTB);
        assertThat(Corpus.byId(" uci ")).isEqualTo(Corpus.UCI);
        assertThat(Corpus.PTB.file("ptb.valid.txt").relativePath()).isEqualTo("ptb/ptb.valid.txt");
        assertThat(Corpus.TIMEMACHINE.fetchCommand()).isEqualTo("./rnnkit data fetch timemachine");
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        assertThatThrownBy(() -> Corpus.byId("wikitext"))
                .isInstanceOf(UserInputException.class)
                .hasMessage("corpus: unknown name 'wikitext'; known: ptb, timemachine, shakespeare, uci, all");
    }

    @Test
    void corpusFileRejectsBadChecksums() {
        assertThatThrownBy(() -> new CorpusFile("a.txt", "abc", 1)).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> new CorpusFile("/abs.txt", "0".repeat(64), 1)).hasMessageContaining("relative");
    }
}
