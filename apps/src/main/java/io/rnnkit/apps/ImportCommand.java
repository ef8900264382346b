package io.rnnkit.apps;

import picocli.CommandLine.Command;

/** {@code rnnkit import keras}: brings models made by other frameworks into rnnkit model bundles. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a model made by another framework into an rnnkit model bundle.",
        subcommands = {ImportKerasCommand.class})
final class ImportCommand {
}
