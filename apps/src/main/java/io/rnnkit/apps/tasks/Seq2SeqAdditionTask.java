package io.rnnkit.apps.tasks;

import io.rnnkit.core.train.Optimizer;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingConfig;
import io.rnnkit.core.train.Validation;
import io.rnnkit.datasets.generators.Seq2SeqAdditionGenerator;
import io.rnnkit.models.spec.BidirectionalMode;
import io.rnnkit.models.spec.Cell;
import io.rnnkit.models.spec.Head;
import io.rnnkit.models.spec.Implementation;
import io.rnnkit.models.spec.InputEncoding;
import io.rnnkit.models.spec.Loss;
import io.rnnkit.models.spec.ModelSpec;
import io.rnnkit.models.spec.WeightInitSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * seq2seq-add: "535+61" → "596" as character sequences, up to 3 digits per term, with an
 * encoder → decoder network (Keras' addition_rnn, DL4J's AdditionModelWithSeq2Seq). Training uses
 * teacher forcing; evaluation decodes greedily, feeding each predicted symbol back in, and counts
 * a sum as right only when every character is.
 */
final class Seq2SeqAdditionTask implements ReferenceTask {

    private static final int TRAIN_PAIRS = 50_000;
    private static final int TEST_PAIRS = 2_000;
    private static final int VALIDATION_PAIRS = 2_000;

    @Override
    public String id() {
        return "seq2seq-add";
    }

    @Override
    public boolean usesFraction() {
        return true;
    }

    @Override
    public TaskData prepare(TaskOptions options) {
        Seq2SeqAdditionGenerator generator = new Seq2SeqAdditionGenerator(options.seed(),
                (int) Math.max(1, Math.round(TRAIN_PAIRS * options.fraction())), TEST_PAIRS, VALIDATION_PAIRS);
        int batch = options.batchOr(128);
        int symbols = Seq2SeqAdditionGenerator.vocabularySize();
        return new TaskData(generator.trainIterator(batch), generator.validationIterator(512), generator.testIterator(512),
                symbols, symbols, null, null, Map.of());
    }

    @Override
    public ModelSpec defaultSpec(TaskData data, TaskOptions options) {
        return new ModelSpec(Cell.LSTM, Implementation.RNNKIT, InputEncoding.ONE_HOT, data.inputSize(), 0, 1, 128,
                "tanh", BidirectionalMode.NONE, 1.0, 1.0, Head.SEQ2SEQ, 0, data.outputSize(), Loss.CROSS_ENTROPY,
                new WeightInitSpec("xavier"), 1.0, 0, DataType.FLOAT, options.seed());
    }

    @Override
    public TrainingConfig defaultTraining(long seed) {
        return new TrainingConfig(15, Optimizer.ADAM, 0.005, 0, 1.0, 5.0, 0, false, seed);
    }

    @Override
    public Validation validation(TaskData data) {
        return new Validation("accuracy", true, model -> score((ComputationGraph) model, data.validation()));
    }

    @Override
    public Map<String, Double> evaluate(Model model, TaskData data, String split) {
        return score((ComputationGraph) model, data.heldOut(split));
    }

    /** Exact-match accuracy of greedy decoding, and per-character accuracy. */
    static Map<String, Double> score(ComputationGraph graph, MultiDataSetIterator data) {
        long sums = 0;
        long rightSums = 0;
        long characters = 0;
        long rightCharacters = 0;
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            int[][] predicted = decodeGreedily(graph, batch.getFeatures(0), batch.getFeaturesMaskArray(0));
            int[][] truth = argMaxPerStep(batch.getLabels(0));
            for (int i = 0; i < truth.length; i++) {
                int right = 0;
                for (int t = 0; t < truth[i].length; t++) {
                    right += predicted[i][t] == truth[i][t] ? 1 : 0;
                }
                sums++;
                rightSums += right == truth[i].length ? 1 : 0;
                characters += truth[i].length;
                rightCharacters += right;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", (double) rightSums / sums);
        metrics.put("char-accuracy", (double) rightCharacters / characters);
        return metrics;
    }

    /** Runs the decoder one step at a time from the start symbol, feeding back its own best guesses. */
    static int[][] decodeGreedily(ComputationGraph graph, INDArray question, INDArray questionMask) {
        int examples = (int) question.size(0);
        int symbols = Seq2SeqAdditionGenerator.vocabularySize();
        int steps = Seq2SeqAdditionGenerator.ANSWER_LENGTH;
        INDArray decoderInput = Nd4j.zeros(question.dataType(), examples, symbols, steps);
        int start = Seq2SeqAdditionGenerator.SYMBOLS.indexOf(Seq2SeqAdditionGenerator.START);
        decoderInput.get(NDArrayIndex.all(), NDArrayIndex.point(start), NDArrayIndex.point(0)).assign(1);
        int[][] answer = new int[examples][steps];
        for (int t = 0; t < steps; t++) {
            INDArray output = graph.output(false, new INDArray[] {question, decoderInput},
                    new INDArray[] {questionMask, null}, null)[0];
            int[] best = output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).argMax(1).toIntVector();
            for (int i = 0; i < examples; i++) {
                answer[i][t] = best[i];
                if (t + 1 < steps) {
                    decoderInput.putScalar(new long[] {i, best[i], t + 1}, 1.0);
                }
            }
        }
        return answer;
    }

    private static int[][] argMaxPerStep(INDArray oneHot) {
        int examples = (int) oneHot.size(0);
        int steps = (int) oneHot.size(2);
        int[][] ids = new int[examples][steps];
        INDArray best = oneHot.argMax(1);
        for (int i = 0; i < examples; i++) {
            for (int t = 0; t < steps; t++) {
                ids[i][t] = best.getInt(i, t);
            }
        }
        return ids;
    }

    @Override
    public String headline(Map<String, Double> metrics, String split) {
        return String.format(Locale.ROOT, "seq2seq-add: %s exact-match accuracy %.4f (characters %.4f)", split,
                metrics.get("accuracy"), metrics.get("char-accuracy"));
    }

    @Override
    public void writePlots(Model model, TaskData data, RunDirectory run) throws IOException {
        // The accuracy curve is the learning curve; no extra plot.
    }
}
