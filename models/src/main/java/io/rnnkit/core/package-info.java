/** The error every rnnkit module reports bad user input with: {@link io.rnnkit.core.UserInputException}. */
package io.rnnkit.core;
