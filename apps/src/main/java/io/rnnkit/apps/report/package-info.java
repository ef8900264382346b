/** The self-contained {@code report.html} of a run directory, its inline SVG charts, and the run list. */
package io.rnnkit.apps.report;
