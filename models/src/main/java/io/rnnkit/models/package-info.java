/** What the rnnkit layers need from the JVM: the {@link io.rnnkit.models.VectorApi} check. */
package io.rnnkit.models;
