/** The model spec: an immutable, validated description of a recurrent network that builds the DL4J network. */
package io.rnnkit.models.spec;
