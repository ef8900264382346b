package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepDecayScheduleTest {

    @Test
    void keepsTheRateThenDecaysOncePerEpoch() {
        // The PTB small config: lr 1.0 for 4 epochs, then halved each epoch.
        StepDecaySchedule schedule = new StepDecaySchedule(1.0, 4, 0.5);

        assertThat(schedule.valueAt(0, 0)).isEqualTo(1.0);
        assertThat(schedule.valueAt(100, 3)).isEqualTo(1.0);
        assertThat(schedule.valueAt(0, 4)).isCloseTo(0.5, within(1e-12));
        assertThat(schedule.valueAt(0, 6)).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void clonesAreEqual() {
        StepDecaySchedule schedule = new StepDecaySchedule(0.1, 2, 0.8);
        assertThat(schedule.clone()).isEqualTo(schedule).isNotSameAs(schedule);
    }
}
