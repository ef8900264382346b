/** Where training runs: worker replicas on this machine (ParallelWrapper) or a Spark cluster, chosen by an ExecutionConfig. */
package io.rnnkit.core.parallel;
