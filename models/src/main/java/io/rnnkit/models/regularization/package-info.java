/** Regularisers for recurrent language models that DL4J lacks, usable with any DL4J layer. */
package io.rnnkit.models.regularization;
