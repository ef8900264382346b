package io.rnnkit.apps;

import picocli.CommandLine.Command;

/** {@code rnnkit import}: groups the importers of models trained elsewhere, one subcommand per format. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a model trained elsewhere (ONNX, Keras) into an rnnkit model bundle.",
        subcommands = {ImportOnnxCommand.class, ImportKerasCommand.class})
final class ImportCommand {
}
