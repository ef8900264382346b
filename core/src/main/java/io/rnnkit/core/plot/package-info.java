/** PNG charts of a run, drawn with XChart: learning curves, predicted vs true, confusion matrices. */
package io.rnnkit.core.plot;
