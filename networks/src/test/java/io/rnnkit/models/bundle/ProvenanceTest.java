package io.rnnkit.models.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rnnkit.core.UserInputException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void flatFormHasOneKeyPerFact() {
        assertThat(TinyModels.provenance().toMap()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "created", "2024-05-01T12:30:00Z",
                "dataset.sha256.timemachine.txt", TinyModels.SHA,
                "git.commit", "0123abcd",
                "rnnkit.version", "0.1.0-SNAPSHOT",
                "seed", "42",
                "task", "char-lm")));
    }

    @Test
    void roundTripsWithAndWithoutGitCommit() {
        Provenance withCommit = TinyModels.provenance();
        Provenance without = new Provenance("dev", "ptb", -3, Map.of(), Instant.parse("2020-01-02T03:04:05.678Z"),
                Optional.empty());

        assertThat(Provenance.fromMap(withCommit.toMap())).isEqualTo(withCommit);
        assertThat(Provenance.fromMap(without.toMap())).isEqualTo(without);
        assertThat(without.toMap()).doesNotContainKey("git.commit");
    }

    @Test
    void nowUsesTheRunningVersionAndClock() {
        Instant before = Instant.now();

        Provenance provenance = Provenance.now("mt", 1, Map.of(), Optional.empty());

        assertThat(provenance.rnnkitVersion()).isEqualTo(Provenance.runningVersion()).isEqualTo("dev");
        assertThat(provenance.created()).isBetween(before, Instant.now());
    }

    @Test
    void rejectsABadChecksum() {
        assertThatThrownBy(() -> new Provenance("dev", "ptb", 1, Map.of("ptb.train.txt", "ABC"), Instant.EPOCH,
                Optional.empty()))
                .isInstanceOf(UserInputException.class)
                .hasMessage("dataset.sha256.ptb.train.txt: expected 64 lowercase hex digits, got 'ABC'");
    }

    @Test
    void missingKeysAndBadTimesAreNamed() {
        Map<String, String> map = new HashMap<>(TinyModels.provenance().toMap());
        map.remove("task");
        assertThatThrownBy(() -> Provenance.fromMap(map)).hasMessage("task: missing");

        map.put("task", "x");
        map.put("created", "yesterday");
        assertThatThrownBy(() -> Provenance.fromMap(map))
                .hasMessage("created: expected an ISO-8601 instant, got 'yesterday'");
    }
}
