/** Training on Apache Spark through DL4J's Spark integration, plugged into rnnkit's trainer as an epoch fitter. */
package io.rnnkit.distributed;
