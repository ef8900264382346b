package io.rnnkit.models.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelThreadsTest {

    @Test
    void runsEveryPartExactlyOnceOverManySplits() {
        KernelThreads threads = KernelThreads.ofSize(3);
        for (int round = 0; round < 2_000; round++) {
            int parts = 1 + round % 9;
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            threads.run(parts, runs::incrementAndGet);
            for (int i = 0; i < parts; i++) {
                assertThat(runs.get(i)).as("round %d part %d", round, i).isEqualTo(1);
            }
        }
    }

    @Test
    void usesMoreThanOneThreadForSlowParts() {
        KernelThreads threads = KernelThreads.ofSize(2);
        ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();
        threads.run(8, part -> {
            names.put(Thread.currentThread().getName(), true);
            sleepQuietly(20);
        });
        assertThat(names).hasSize(2);
    }

    @Test
    void switchingSizesKeepsEachSizesPoolRunning() {
        try {
            KernelThreads.switchSharedSize(2);
            KernelThreads two = KernelThreads.shared();
            KernelThreads.switchSharedSize(1);
            assertThat(KernelThreads.shared().size()).isEqualTo(1);
            KernelThreads.switchSharedSize(2);

            assertThat(KernelThreads.shared()).isSameAs(two);
            ConcurrentHashMap<String, Boolean> names = new ConcurrentHashMap<>();
            two.run(8, part -> {
                names.put(Thread.currentThread().getName(), true);
                sleepQuietly(20);
            });
            assertThat(names).as("the kept pool's worker still runs parts").hasSize(2);
        } finally {
            KernelThreads.setShared(null);
        }
    }

    @Test
    void aPoolThatSetSharedEndedIsReplacedOnTheNextSwitch() {
        try {
            KernelThreads.switchSharedSize(2);
            KernelThreads ended = KernelThreads.shared();
            KernelThreads.setShared(KernelThreads.ofSize(1));
            KernelThreads.switchSharedSize(2);

            assertThat(KernelThreads.shared()).isNotSameAs(ended);
            long before = KernelThreads.shared().splitsHandedOut();
            KernelThreads.shared().run(2, part -> { });
            assertThat(KernelThreads.shared().splitsHandedOut()).isEqualTo(before + 1);
        } finally {
            KernelThreads.setShared(null);
        }
    }

    @Test
    void aNestedSplitRunsOnTheCallingThread() {
        KernelThreads threads = KernelThreads.ofSize(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(4);
        threads.run(2, outer -> threads.run(2, i -> inner.incrementAndGet(outer * 2 + i)));
        for (int i = 0; i < 4; i++) {
            assertThat(inner.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aFailingPartIsRethrownToTheCaller() {
        KernelThreads threads = KernelThreads.ofSize(2);
        assertThatThrownBy(() -> threads.run(4, part -> {
            if (part == 3) {
                throw new IllegalStateException("part 3 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 3 failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        threads.run(4, runs::incrementAndGet);
        assertThat(runs.get(3)).isEqualTo(1);
    }

    @Test
    void parsesCountsAndRefusesBadOnes() {
        assertThat(KernelThreads.parseCount("3")).isEqualTo(3);
        assertThat(KernelThreads.parseCount(" all ")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> KernelThreads.parseCount("0")).hasMessage(
                "thread count must be a positive integer or 'all', got '0'");
        assertThatThrownBy(() -> KernelThreads.parseCount("two")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KernelThreads.ofSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
