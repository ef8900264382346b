/** The {@code rnnkit} command line: one entry point with a subcommand per job. */
package io.rnnkit.apps;
