package io.rnnkit.core.parallel;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.config.FlatValues;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run trains: on this thread (the default), on {@code workers} threads or devices of this machine
 * through DL4J's ParallelWrapper, or on a Spark cluster. Validated and immutable, with the same flat
 * key/value form as the other configs.
 *
 * @param workers            model replicas on this machine, 1 for plain single-threaded training
 * @param sparkMaster        a Spark master URL such as {@code local[2]} or {@code spark://host:7077}, empty for none
 * @param synchronization    how replicas combine their work: parameter averaging or shared (compressed) gradients
 * @param averagingFrequency batches each replica fits between two parameter averagings
 * @param sparkNetworkMask   with shared gradients on a cluster, the network its nodes talk on (CIDR), empty for auto
 * @param sparkPort          with shared gradients, the UDP port of the parameter server's transport
 */
public record ExecutionConfig(
        int workers,
        String sparkMaster,
        Synchronization synchronization,
        int averagingFrequency,
        String sparkNetworkMask,
        int sparkPort) {

    /** How data-parallel replicas combine their progress. */
    public enum Synchronization {
        /** Each replica fits its batches; parameters and updater state are averaged every few batches. */
        AVERAGING,
        /** Replicas exchange threshold-encoded gradient updates after every batch. */
        SHARING;

        /** Parses "averaging" or "sharing", with a one-line error naming the choices. */
        public static Synchronization parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("sync: unknown value '" + name + "'; choose one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Plain training on the trainer's own thread. */
    public static final ExecutionConfig LOCAL = new ExecutionConfig(1, "", Synchronization.AVERAGING, 5, "", 40123);

    public ExecutionConfig {
        if (workers < 1) {
            throw new UserInputException("workers: must be at least 1, got " + workers);
        }
        if (sparkMaster == null || synchronization == null || sparkNetworkMask == null) {
            throw new UserInputException("execution: spark master, sync and network mask must be set (empty for none)");
        }
        sparkMaster = sparkMaster.trim();
        if (workers > 1 && !sparkMaster.isEmpty()) {
            throw new UserInputException("workers: --workers " + workers + " and --spark " + sparkMaster
                    + " are alternatives; Spark sets its parallelism from the master URL");
        }
        if (averagingFrequency < 1) {
            throw new UserInputException("averaging-frequency: must be at least 1, got " + averagingFrequency);
        }
        if (sparkPort < 1 || sparkPort > 65535) {
            throw new UserInputException("spark-port: must be a port number 1-65535, got " + sparkPort);
        }
    }

    /** True when batches go to more than the trainer's own thread. */
    public boolean distributed() {
        return workers > 1 || onSpark();
    }

    public boolean onSpark() {
        return !sparkMaster.isEmpty();
    }

    /** A Spark master that runs every executor inside this JVM ({@code local}, {@code local[N]}, {@code local[*]}). */
    public boolean sparkIsLocal() {
        return sparkMaster.equals("local") || sparkMaster.startsWith("local[");
    }

    /** This config as flat key/value pairs. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("workers", Integer.toString(workers));
        map.put("spark", sparkMaster);
        map.put("sync", synchronization.name().toLowerCase(Locale.ROOT));
        map.put("averaging-frequency", Integer.toString(averagingFrequency));
        map.put("spark-network", sparkNetworkMask);
        map.put("spark-port", Integer.toString(sparkPort));
        return map;
    }

    /** Reads a config from {@link #toMap()}'s form; absent keys keep {@link #LOCAL}'s values. */
    public static ExecutionConfig fromMap(Map<String, String> map) {
        Map<String, String> merged = new LinkedHashMap<>(LOCAL.toMap());
        merged.putAll(map);
        FlatValues values = new FlatValues(merged);
        return new ExecutionConfig(
                values.integer("workers"),
                values.text("spark"),
                Synchronization.parse(values.text("sync")),
                values.integer("averaging-frequency"),
                values.text("spark-network"),
                values.integer("spark-port"));
    }
}
