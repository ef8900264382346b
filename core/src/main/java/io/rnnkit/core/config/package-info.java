/** Flat key/value configuration shared by the CLI, logs and saved bundles. */
package io.rnnkit.core.config;
