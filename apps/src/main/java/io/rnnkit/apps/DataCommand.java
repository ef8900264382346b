package io.rnnkit.apps;

import io.rnnkit.core.UserInputException;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.CorpusFetcher;
import io.rnnkit.datasets.CorpusStatus;
import io.rnnkit.datasets.CorpusStore;
import io.rnnkit.datasets.DataDirectory;
import io.rnnkit.datasets.ProgressBarDownloadProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit data list|fetch}: shows which corpora are present and verified, and downloads missing ones. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the reference corpora in the data directory, or fetch missing ones.",
        subcommands = {DataCommand.ListCorpora.class, DataCommand.Fetch.class})
final class DataCommand {

    /** The data-directory option both subcommands share. */
    static final class Location {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the corpora live (default: $RNNKIT_DATA, else ~/.rnnkit/data).")
        Path dataDir;

        CorpusStore store() {
            return CorpusStore.open(DataDirectory.resolve(dataDir));
        }
    }

    /** {@code rnnkit data list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show each corpus and whether it is present and verified.")
    static final class ListCorpora implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Location location;

        @Override
        public Integer call() {
            CorpusStore store = location.store();
            PrintWriter out = spec.commandLine().getOut();
            out.println("data directory: " + store.directory());
            for (Map.Entry<Corpus, CorpusStatus> entry : store.list(true).entrySet()) {
                Corpus corpus = entry.getKey();
                out.printf("%-12s %-9s %s%n", corpus.id(), entry.getValue().toString().toLowerCase(java.util.Locale.ROOT),
                        corpus.description());
            }
            return 0;
        }
    }

    /** {@code rnnkit data fetch <name|all>}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a missing corpus from its public home, verify its sha256 and store it atomically.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "NAME", description = "ptb, timemachine, shakespeare, uci or all.")
        String name;

        @Option(names = "--base-url", paramLabel = "URL", hidden = true,
                description = "Fetch <URL>/<file name> instead of the public homes (for mirrors and tests).")
        URI baseUrl;

        @Override
        public Integer call() {
            CorpusStore store = location.store();
            CorpusFetcher fetcher = baseUrl == null ? CorpusFetcher.create(store) : CorpusFetcher.create(store).withBaseUrl(baseUrl);
            List<Corpus> corpora = name.equals("all") ? List.of(Corpus.values()) : List.of(Corpus.byId(name));
            PrintWriter out = spec.commandLine().getOut();
            for (Corpus corpus : corpora) {
                try {
                    List<Path> files = fetcher.fetch(corpus, new ProgressBarDownloadProgress());
                    out.println(corpus.id() + ": verified " + files.size() + " file(s) in " + store.directory());
                } catch (IOException e) {
                    throw new UserInputException("data fetch " + corpus.id() + ": " + e.getMessage()
                            + " (nothing was stored; try again, or copy the file into " + store.directory() + ")");
                }
            }
            return 0;
        }
    }
}
