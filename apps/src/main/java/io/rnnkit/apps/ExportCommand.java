package io.rnnkit.apps;

import picocli.CommandLine.Command;

/** {@code rnnkit export}: groups the exporters of model bundles to other formats, one subcommand per format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a model bundle to another format.",
        subcommands = {ExportOnnxCommand.class})
final class ExportCommand {
}
