/** JMH microbenchmarks of single recurrent steps, built only with the {@code jmh} Maven profile. */
package io.rnnkit.benchmarks.jmh;
