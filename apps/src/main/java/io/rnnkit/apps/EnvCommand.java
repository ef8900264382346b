package io.rnnkit.apps;

import io.rnnkit.core.env.EnvironmentReport;
import io.rnnkit.models.kernels.KernelThreads;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rnnkit env}: prints the JVM, backend, BLAS and CPU setup and a measured sgemm rate. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Show the Java, ND4J backend, BLAS and CPU setup, and measure sgemm GFLOP/s.")
final class EnvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--sgemm-size", defaultValue = "1024", paramLabel = "N",
            description = "Size of the square sgemm to time, 0 to skip (default: ${DEFAULT-VALUE}).")
    int sgemmSize;

    @Override
    public Integer call() throws JsonProcessingException {
        if (sgemmSize < 0) {
            throw new io.rnnkit.core.UserInputException("--sgemm-size must be 0 or positive, got " + sgemmSize);
        }
        EnvironmentReport report = EnvironmentReport.collect(sgemmSize);
        Map<String, Object> values = new LinkedHashMap<>(report.asMap());
        values.put("kernelThreads", KernelThreads.shared().size());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values));
        } else {
            printText(values, out);
        }
        return 0;
    }

    private static void printText(Map<String, Object> values, PrintWriter out) {
        values.forEach((key, value) -> {
            if (key.equals("warnings")) {
                return;
            }
            String shown = value instanceof List<?> list && list.isEmpty() ? "none" : String.valueOf(value);
            out.printf("%-18s %s%n", key, shown);
        });
        for (Object warning : (List<?>) values.get("warnings")) {
            out.println("WARNING: " + warning);
        }
    }
}
