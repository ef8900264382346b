/** What the rnnkit layers use of the JVM: {@link io.rnnkit.models.VectorApi}, whether the Vector API is there. */
package io.rnnkit.models;
