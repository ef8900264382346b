package io.rnnkit.apps;

import io.rnnkit.apps.tasks.ReferenceTask;
import io.rnnkit.apps.tasks.TaskData;
import io.rnnkit.core.plot.Charts;
import io.rnnkit.core.train.AtomicFiles;
import io.rnnkit.core.train.EpochRecord;
import io.rnnkit.core.train.RunDirectory;
import io.rnnkit.core.train.TrainingResult;
import io.rnnkit.datasets.text.CharVocabulary;
import io.rnnkit.datasets.text.WordVocabulary;
import io.rnnkit.models.bundle.ModelBundle;
import io.rnnkit.models.bundle.ModelVocabulary;
import io.rnnkit.models.bundle.Provenance;
import io.rnnkit.models.sampling.SamplingOptions;
import io.rnnkit.models.sampling.TextSampler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a finished run leaves in its directory besides the checkpoint: final test metrics,
 * {@code summary.json}, learning-curve and task plots, a text sample for language models, and the
 * model bundle for evaluate and generate.
 */
final class RunReport {

    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    private static final int SAMPLE_LENGTH = 300;
    private static final int PREFIX_CODE_POINTS = 20;
    private static final int OPENING_READ = 4096;

    private final RunPlan plan;
    private final ReferenceTask task;
    private final TaskData data;
    private final RunDirectory run;

    RunReport(RunPlan plan, ReferenceTask task, TaskData data, RunDirectory run) {
        this.plan = plan;
        this.task = task;
        this.data = data;
        this.run = run;
    }

    /** Evaluates on the test split, writes everything, and returns the test metrics. */
    Map<String, Double> write(TrainingResult result) throws IOException {
        Map<String, Double> test = task.evaluate(result.model(), data, "test");
        writeLearningCurves(result.history());
        task.writePlots(result.model(), data, run);
        ModelBundle bundle = bundle(result);
        bundle.save(run.modelBundle());
        writeSample(bundle);
        writeSummary(result, test);
        return test;
    }

    private ModelBundle bundle(TrainingResult result) {
        Optional<ModelVocabulary> vocabulary = Optional.empty();
        if (data.vocabulary() instanceof CharVocabulary chars) {
            vocabulary = Optional.of(ModelVocabulary.of(chars));
        } else if (data.vocabulary() instanceof WordVocabulary words) {
            vocabulary = Optional.of(ModelVocabulary.of(words));
        }
        return new ModelBundle(result.model(), plan.spec().toMap(), plan.trainingAndData(), vocabulary,
                Optional.ofNullable(data.normalizer()),
                Provenance.now(plan.task(), plan.training().seed(), data.sha256(), Optional.empty()));
    }

    private void writeLearningCurves(List<EpochRecord> history) throws IOException {
        if (history.isEmpty()) {
            return;
        }
        double[] epochs = history.stream().mapToDouble(EpochRecord::epoch).toArray();
        Charts.lines(run.plot("loss"), plan.task() + ": training loss", "epoch", "loss", epochs,
                Map.of("train loss", history.stream().mapToDouble(EpochRecord::trainLoss).toArray()));
        String metric = task.validation(data).metric();
        Charts.lines(run.plot(metric), plan.task() + ": validation " + metric, "epoch", metric, epochs,
                Map.of("validation " + metric, history.stream().mapToDouble(EpochRecord::validation).toArray()));
    }

    /** A language model's sample from a prefix that suits its corpus (temperature 0.8, top-5, run seed), saved as sample.txt. */
    private void writeSample(ModelBundle bundle) throws IOException {
        if (bundle.vocabulary().isEmpty() || !(bundle.network() instanceof MultiLayerNetwork)) {
            return;
        }
        String prefix = samplePrefix(bundle.vocabulary().get());
        StringBuilder text = new StringBuilder(prefix);
        try {
            TextSampler.of(bundle).sample(prefix, SamplingOptions.sampled(SAMPLE_LENGTH, 0.8, 5, plan.training().seed()),
                    text::append);
        } catch (io.rnnkit.core.UserInputException outsideVocabulary) {
            LOG.warn("sample.txt not written: {}", outsideVocabulary.getMessage());
            return;
        }
        AtomicFiles.writeString(run.root().resolve("sample.txt"), text + "\n");
    }

    /** The reference prefixes for the known corpora; for a user's text file, the start of its first line. */
    private String samplePrefix(ModelVocabulary vocabulary) throws IOException {
        if (vocabulary instanceof ModelVocabulary.Words) {
            return "the company said";
        }
        return switch (plan.options().corpusOr("timemachine")) {
            case "timemachine" -> "time traveller";
            case "shakespeare" -> "ROMEO:";
            default -> openingOf(Path.of(plan.options().corpus()));
        };
    }

    private static String openingOf(Path corpus) throws IOException {
        char[] start = new char[OPENING_READ];
        int read;
        try (Reader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            read = Math.max(0, reader.read(start));
        }
        String line = new String(start, 0, read).strip().lines().findFirst().orElse("").strip();
        return line.codePoints().limit(PREFIX_CODE_POINTS)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private void writeSummary(TrainingResult result, Map<String, Double> test) throws IOException {
        String metric = test.keySet().iterator().next();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("task", plan.task());
        summary.put("metric", metric);
        summary.put("split", "test");
        summary.put("value", test.get(metric));
        summary.put("metrics", test);
        summary.put("epochs", result.history().size());
        summary.put("stoppedEarly", result.stoppedEarly());
        summary.put("modelEpoch", result.modelEpoch());
        summary.put("wallSeconds", Math.round(result.wallSeconds() * 10) / 10.0);
        summary.put("throughputPerSecond", Math.round(result.itemsPerSecond()));
        summary.put("seed", plan.training().seed());
        summary.put("execution", plan.execution().toMap());
        summary.put("versions", Map.of("rnnkit", RnnkitVersion.current(), "java", System.getProperty("java.version"),
                "dl4j", "1.0.0-M2.1"));
        summary.put("model", plan.spec().toMap());
        summary.put("training", plan.training().toMap());
        AtomicFiles.writeString(run.summaryJson(),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
    }
}
