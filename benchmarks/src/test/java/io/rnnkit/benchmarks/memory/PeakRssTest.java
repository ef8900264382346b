package io.rnnkit.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeakRssTest {

    @Test
    void readsVmHwmInKilobytes() {
        assertThat(PeakRss.parseVmHwm("Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n"))
                .isEqualTo(123456);
    }

    @Test
    void aStatusWithoutVmHwmIsRefused() {
        assertThatThrownBy(() -> PeakRss.parseVmHwm("Name:\tjava\n")).hasMessageContaining("VmHWM");
    }

    @Test
    void thisProcessHasAPeak() throws Exception {
        assertThat(PeakRss.kilobytes()).isPositive();
    }
}
