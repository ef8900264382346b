package io.rnnkit.benchmarks.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.rnnkit.models.kernels.KernelThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadPolicyTest {

    @AfterEach
    void restore() {
        KernelThreads.setShared(null);
        Nd4jThreads.set(1, 1);
    }

    @Test
    void rnnkitRowsGetThePoolWithNd4jAndOpenBlasAtOne() {
        String settings = ThreadPolicy.RNNKIT_POOL.apply(3);
        assertThat(KernelThreads.shared().size()).isEqualTo(3);
        assertThat(Nd4jThreads.blasThreads()).isEqualTo(1);
        assertThat(Nd4jThreads.ompThreads()).isEqualTo(1);
        assertThat(settings).isEqualTo("rnnkit pool 3, ND4J OpenMP 1, OpenBLAS 1");
    }

    @Test
    void stockRowsGetOpenBlasAndNd4jUpToItsStartupLimit() {
        String settings = ThreadPolicy.ND4J_OPENMP.apply(2);
        assertThat(KernelThreads.shared().size()).isEqualTo(1);
        assertThat(Nd4jThreads.blasThreads()).isEqualTo(2);
        int omp = Math.min(2, Nd4jThreads.startupLimit());
        assertThat(Nd4jThreads.ompThreads()).isEqualTo(omp);
        assertThat(settings).isEqualTo("ND4J OpenMP " + omp + ", OpenBLAS 2");
        // And back down, which the next rnnkit row relies on.
        ThreadPolicy.RNNKIT_POOL.apply(1);
        assertThat(Nd4jThreads.blasThreads()).isEqualTo(1);
        assertThat(Nd4jThreads.ompThreads()).isEqualTo(1);
    }
}
