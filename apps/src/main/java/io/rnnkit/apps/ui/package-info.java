/** DL4J's training UI for rnnkit runs: the server bound to one address, and the stats file in each run directory. */
package io.rnnkit.apps.ui;
