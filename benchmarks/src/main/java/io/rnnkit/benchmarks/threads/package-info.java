/** Thread counts per benchmark row: which library's threads each peer gets, set at run time and read back. */
package io.rnnkit.benchmarks.threads;
