/** The UCI synthetic control chart data through DataVec, as DL4J's UCISequenceClassification example reads it. */
package io.rnnkit.datasets.uci;
