package io.rnnkit.apps;

import io.rnnkit.apps.report.RunFiles;
import io.rnnkit.core.env.EnvironmentReport;
import io.rnnkit.core.train.AtomicFiles;
import io.rnnkit.models.kernels.KernelThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Records where a run trains (BLAS kernel, threads, versions) as environment.json in its run directory, and
 * hands back the report's warnings (a slow BLAS kernel, say) for the command to show.
 */
final class RunEnvironment {

    private RunEnvironment() {
    }

    static List<String> record(Path runDirectory) throws IOException {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("rnnkit", RnnkitVersion.current());
        environment.put("dl4j", "1.0.0-M2.1");
        EnvironmentReport collected = EnvironmentReport.collect(0);
        Map<String, Object> report = collected.asMap();
        report.remove("sgemmGflops");
        environment.putAll(report);
        environment.put("kernelThreads", KernelThreads.shared().size());
        AtomicFiles.writeString(runDirectory.resolve(RunFiles.ENVIRONMENT_FILE),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(environment) + "\n");
        return collected.warnings();
    }
}
