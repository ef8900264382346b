/** Peak resident memory per peer: each peer trains a workload in a child JVM of its own, which reports its VmHWM. */
package io.rnnkit.benchmarks.memory;
