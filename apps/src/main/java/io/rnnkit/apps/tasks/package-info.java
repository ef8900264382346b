/** The reference tasks: each knows its data, its default network and training, and how to judge the result. */
package io.rnnkit.apps.tasks;
