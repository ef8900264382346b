/** What the machine and ND4J backend look like: the report behind {@code rnnkit env}. */
package io.rnnkit.core.env;
