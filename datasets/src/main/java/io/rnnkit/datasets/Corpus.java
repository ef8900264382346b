package io.rnnkit.datasets;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rnnkit.core.UserInputException;

/**
 * The real corpora rnnkit knows: their files (with sha256 from the shared {@code SHA256SUMS}) and
 * their public download homes.
 */
public enum Corpus {

    /** Penn Treebank, word level, Mikolov's preprocessing; downloaded as the d2l {@code ptb.zip}. */
    PTB("ptb", "Penn Treebank (word level, 10k vocabulary)",
            URI.create("http://d2l-data.s3-accelerate.amazonaws.com/ptb.zip"), true,
            List.of(
                    new CorpusFile("ptb/ptb.train.txt",
                            "fcea919f6cf83f35d4d00c6cbf08040d13d4155226340912e2fef9c9c4102cbf", 5_101_618),
                    new CorpusFile("ptb/ptb.valid.txt",
                            "c9fe6985fe0d4ccb578183407d7668fc6066c20700cb4cf87d8ff1cc34df1bf2", 399_782),
                    new CorpusFile("ptb/ptb.test.txt",
                            "dd65dff31e70846b2a6030a87482edcd5d199130cdcfa1f3dccbb033728deee0", 449_945))),

    /** H.G. Wells' The Time Machine, as used by d2l. */
    TIMEMACHINE("timemachine", "H.G. Wells, The Time Machine (d2l)",
            URI.create("http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt"), false,
            List.of(new CorpusFile("timemachine/timemachine.txt",
                    "8424dbd9532ac81f7e5f0b6add90e6952baea29158309d7d1bf3884f4e12c516", 178_979))),

    /** Karpathy's tiny-shakespeare from char-rnn. */
    SHAKESPEARE("shakespeare", "tiny-shakespeare (karpathy/char-rnn)",
            URI.create("https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"),
            false,
            List.of(new CorpusFile("tinyshakespeare/input.txt",
                    "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed", 1_115_394))),

    /** UCI Synthetic Control Chart Time Series. */
    UCI("uci", "UCI synthetic control chart time series",
            URI.create("https://archive.ics.uci.edu/ml/machine-learning-databases/synthetic_control-mld/"
                    + "synthetic_control.data"), false,
            List.of(new CorpusFile("synthetic_control/synthetic_control.data",
                    "bb716cde4ab0fb4bd512dd90ccc61bf77fc795266b87b786ed273d6ea3fb5a45", 288_374)));

    private final String id;
    private final String description;
    private final URI downloadUri;
    private final boolean zipArchive;
    private final List<CorpusFile> files;

    Corpus(String id, String description, URI downloadUri, boolean zipArchive, List<CorpusFile> files) {
        this.id = id;
        this.description = description;
        this.downloadUri = downloadUri;
        this.zipArchive = zipArchive;
        this.files = files;
    }

    /** The short name used on the command line ({@code ptb}, {@code timemachine}, ...). */
    public String id() {
        return id;
    }

    /** A human description for {@code data list}. */
    public String description() {
        return description;
    }

    /** The public home the fetch command downloads from. */
    public URI downloadUri() {
        return downloadUri;
    }

    /** Whether the download is a zip archive holding the files (matched by file name) rather than the file itself. */
    public boolean isZipArchive() {
        return zipArchive;
    }

    /** The files of this corpus. */
    public List<CorpusFile> files() {
        return files;
    }

    /** The file whose name is {@code fileName} (such as {@code ptb.valid.txt}). */
    public CorpusFile file(String fileName) {
        return files.stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no file " + fileName));
    }

    /** The command a user runs to get this corpus, for error messages. */
    public String fetchCommand() {
        return "./rnnkit data fetch " + id;
    }

    /** Looks a corpus up by its short name, case-insensitively. */
    public static Corpus byId(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(c -> c.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new UserInputException("corpus: unknown name '" + name + "'; known: "
                        + Stream.of(values()).map(Corpus::id).collect(Collectors.joining(", ")) + ", all"));
    }
}
