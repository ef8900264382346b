package io.rnnkit.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class LanguageModelTaskTest {

    @Test
    void reportsPerplexityNatsAndTokensOverTheWholeStream() {
        // two batches of one step each; the identity network gives the targets p = 0.5, then p = 0.125
        DataSet first = new DataSet(Nd4j.create(new double[] {0.5, 0.5}, new long[] {1, 2, 1}, 'c'),
                Nd4j.create(new double[] {1, 0}, new long[] {1, 2, 1}, 'c'));
        DataSet second = new DataSet(Nd4j.create(new double[] {0.875, 0.125}, new long[] {1, 2, 1}, 'c'),
                Nd4j.create(new double[] {0, 1}, new long[] {1, 2, 1}, 'c'));

        Map<String, Double> metrics = LanguageModelTask.measure(IdentityNetwork.perStep(2), IdentityNetwork.batches(first, second));

        assertThat(metrics.keySet()).containsExactly("perplexity", "nll", "tokens");
        assertThat(metrics.get("perplexity")).isCloseTo(4.0, within(1e-9));
        assertThat(metrics.get("nll")).isCloseTo(Math.log(4), within(1e-9));
        assertThat(metrics.get("tokens")).isEqualTo(2.0);
        assertThat(new PtbTask().headline(metrics, "valid")).isEqualTo("ptb: valid perplexity 4.00 (1.3863 nats per token)");
    }
}
