package io.rnnkit.apps.tasks;

import io.rnnkit.core.UserInputException;
import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.datasets.Corpus;
import io.rnnkit.datasets.uci.UciSyntheticControl;
import io.rnnkit.models.spec.Bidirectional;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;

/**
 * uci: UCI synthetic control charts (600 series × 60 steps, 6 classes, 450/150 split), read through
 * DataVec as DL4J's UCISequenceClassification example does; LSTM(10), Nadam, 40 epochs.
 */
final class UciTask extends SequenceClassificationTask {

    @Override
    public String id() {
        return "uci";
    }

    @Override
    List<String> classNames() {
        return List.of("normal", "cyclic", "up-trend", "down-trend", "up-shift", "down-shift");
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        Path workDirectory;
        try {
            workDirectory = Files.createTempDirectory("rnnkit-uci");
        } catch (IOException e) {
            throw new UserInputException("cannot create a temporary directory for the UCI series: " + e.getMessage());
        }
        boolean ownFile = options.corpus() != null && !options.corpus().isEmpty();
        UciSyntheticControl uci = ownFile
                ? UciSyntheticControl.load(Path.of(options.corpus()), workDirectory, options.seed())
                : UciSyntheticControl.load(options.store(), workDirectory, options.seed());
        int batch = options.batchOr(10);
        String sha = ownFile ? Checksums.of(Path.of(options.corpus())) : Corpus.UCI.files().get(0).sha256();
        return new TaskData(new MultiDataSetIteratorAdapter(uci.trainIterator(batch)),
                new MultiDataSetIteratorAdapter(uci.testIterator(batch)),
                new MultiDataSetIteratorAdapter(uci.testIterator(batch)),
                1, UciSyntheticControl.CLASSES, null, uci.normalizer(),
                Map.of("synthetic_control.data", sha));
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        // Labels sit at each series' last step (ALIGN_END), so the head is per step with a label mask.
        return new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.DENSE, data.inputSize(), 0, 1, 10,
                "tanh", Bidirectional.NONE, 1.0, 1.0, Head.STEP_CLASSIFICATION, 0, data.outputSize(),
                Loss.CROSS_ENTROPY, new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return TrainingConfig.basic(40, Optimizer.NADAM, 0.005, seed);
    }
}
