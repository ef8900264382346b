package io.rnnkit.core.env;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;

/** Describes the CUDA devices ND4J's GPU backend sees. */
final class CudaDevices {

    private CudaDevices() {
    }

    static List<String> describe(Nd4jEnvironment environment) {
        List<String> devices = new ArrayList<>();
        List<Long> memory = environment.getGpuRam();
        for (int i = 0; i < environment.getNumGpus(); i++) {
            long bytes = memory != null && i < memory.size() ? memory.get(i) : 0L;
            devices.add("cuda:" + i + " (" + bytes / (1024 * 1024) + " MiB)");
        }
        return devices;
    }
}
