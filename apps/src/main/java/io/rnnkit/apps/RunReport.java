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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * What a finished run leaves in its directory besides the checkpoint: final test metrics,
 * {@code summary.json}, learning-curve and task plots, a text sample for language models, and the
 * model bundle for evaluate and generate.
 */
final class RunReport {

    private static final int SAMPLE_LENGTH = 300;

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
        String prefix = bundle.vocabulary().get() instanceof ModelVocabulary.Words ? "the company said"
                : plan.options().corpusOr("timemachine").equals("shakespeare") ? "ROMEO:" : "time traveller";
        StringBuilder text = new StringBuilder(prefix);
        try {
            TextSampler.of(bundle).sample(prefix, SamplingOptions.sampled(SAMPLE_LENGTH, 0.8, 5, plan.training().seed()),
                    text::append);
        } catch (io.rnnkit.core.UserInputException outsideVocabulary) {
            return;
        }
        AtomicFiles.writeString(run.root().resolve("sample.txt"), text + "\n");
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
