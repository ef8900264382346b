/**
 * Real corpora from a verified data directory (resolution, sha256 verification with a cache, and a
 * download command that writes atomically), plus the shared iterator plumbing.
 */
package io.rnnkit.datasets;
