/** Model bundles: one zip with the network, its spec, training config, vocabulary or normalizer, and provenance. */
package io.rnnkit.models.bundle;
