package io.rnnkit.models;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorApiTest {

    @Test
    void presentExactlyWhenTheJvmWasStartedWithTheModule() {
        boolean flagged = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.contains(VectorApi.MODULE));
        assertThat(VectorApi.present()).isEqualTo(flagged);
        assertThat(VectorApi.present(ModuleLayer.boot())).isEqualTo(flagged);
        assertThat(VectorApi.present(ModuleLayer.empty())).isFalse();
    }

    @Test
    void warningNamesTheFlagAndWhatItSaves() {
        assertThat(VectorApi.missingWarning())
                .contains("--add-modules jdk.incubator.vector")
                .containsPattern("took about \\d+ times as long without it");
    }

    /**
     * The probe's networks in a child JVM without the module (scalar kernels) against this JVM (vector kernels):
     * the double network's numbers are equal, the float network's within float rounding (its softmax sums its
     * rows in another order), and the child warns once although it instantiates eight layers twice.
     */
    @Test
    void scalarKernelsGiveTheVectorKernelsResultsAndWarnOnce(@TempDir Path dir) throws Exception {
        assumeTrue(VectorApi.present(), "compares this JVM's vector kernels with a child JVM's scalar ones");
        Path file = dir.resolve("scalar.bin");
        Process child = new ProcessBuilder(childCommand(file)).redirectErrorStream(true).start();
        String log = new String(child.getInputStream().readAllBytes(), UTF_8);
        assertThat(child.waitFor()).as(log).isZero();
        assertThat(log.split("--add-modules jdk.incubator.vector", -1)).as(log).hasSize(2);

        List<double[]> scalar = read(file);
        List<double[]> vector = KernelPathProbe.run();
        String[] names = {"double output", "double score", "double gradient", "double input gradient",
            "float output", "float score", "float gradient", "float input gradient", "float stepper"};
        assertThat(scalar).hasSameSizeAs(vector).hasSize(names.length);
        for (int i = 0; i < names.length; i++) {
            assertThat(scalar.get(i)).as(names[i]).hasSameSizeAs(vector.get(i));
            double tolerance = i < 4 ? 0.0 : 1e-6;
            assertThat(relativeDifference(vector.get(i), scalar.get(i))).as(names[i]).isLessThanOrEqualTo(tolerance);
        }
    }

    /** This JVM's command line with jdk.incubator.vector taken out of --add-modules, running the probe. */
    private static List<String> childCommand(Path file) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--add-modules") && i + 1 < arguments.size()) {
                addModules(command, arguments.get(++i));
            } else if (argument.startsWith("--add-modules=")) {
                addModules(command, argument.substring("--add-modules=".length()));
            } else if (argument.startsWith("--add-opens") || argument.startsWith("--enable-native-access")
                    || argument.startsWith("-D")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                KernelPathProbe.class.getName(), file.toString()));
        return command;
    }

    private static void addModules(List<String> command, String modules) {
        String rest = Arrays.stream(modules.split(",")).filter(module -> !module.equals(VectorApi.MODULE))
                .collect(Collectors.joining(","));
        if (!rest.isEmpty()) {
            command.add("--add-modules=" + rest);
        }
    }

    private static List<double[]> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(in);
            List<double[]> results = new ArrayList<>();
            int count = data.readInt();
            for (int r = 0; r < count; r++) {
                double[] values = new double[data.readInt()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = data.readDouble();
                }
                results.add(values);
            }
            return results;
        }
    }

    /** max |a − b| over the largest |a|; 0 when equal (−0.0 and 0.0 count as equal). */
    private static double relativeDifference(double[] a, double[] b) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        return worst == 0 ? 0 : worst / scale;
    }
}
