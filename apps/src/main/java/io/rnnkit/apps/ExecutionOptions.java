package io.rnnkit.apps;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Command-line choices about where training runs: worker replicas on this machine or a Spark cluster. */
final class ExecutionOptions {

    @Option(names = "--workers", paramLabel = "N",
            description = "Train N model replicas in parallel on this machine's cores or GPUs (default: 1).")
    String workers;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train on Spark: local[N] or a master URL such as spark://host:7077 (needs the -Pspark build).")
    String sparkMaster;

    @Option(names = "--sync", paramLabel = "averaging|sharing",
            description = "How replicas combine: parameter averaging (default) or shared gradients.")
    String synchronization;

    @Option(names = "--averaging-frequency", paramLabel = "N",
            description = "Batches per replica between parameter averagings (default: 5).")
    String averagingFrequency;

    @Option(names = "--spark-network", paramLabel = "CIDR",
            description = "With --sync sharing on a cluster: the network its nodes talk on, e.g. 10.0.0.0/16.")
    String sparkNetworkMask;

    @Option(names = "--spark-port", paramLabel = "PORT",
            description = "With --sync sharing: the parameter server's UDP port (default: 40123).")
    String sparkPort;

    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        ModelOverrides.put(map, "workers", workers);
        ModelOverrides.put(map, "spark", sparkMaster);
        ModelOverrides.put(map, "sync", synchronization);
        ModelOverrides.put(map, "averaging-frequency", averagingFrequency);
        ModelOverrides.put(map, "spark-network", sparkNetworkMask);
        ModelOverrides.put(map, "spark-port", sparkPort);
        return map;
    }
}
