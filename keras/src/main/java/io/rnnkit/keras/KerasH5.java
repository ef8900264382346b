package io.rnnkit.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.rnnkit.core.UserInputException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras HDF5 file read through jHDF: the {@code model_config} attribute, if any, and each layer's weights
 * in the order of its {@code weight_names} attribute (under {@code model_weights/} in a whole-model file, at
 * the root in a weights-only file). Every read problem becomes a one-line {@link UserInputException}.
 */
final class KerasH5 implements AutoCloseable {

    private final Path path;
    private final HdfFile file;

    private KerasH5(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
    }

    /** Opens {@code path}, refusing a missing file or one that is not readable HDF5. */
    static KerasH5 open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(path + ": no such file");
        }
        try {
            return new KerasH5(path, new HdfFile(path));
        } catch (RuntimeException e) {
            throw new UserInputException(path + ": not a readable HDF5 file (corrupt or truncated?): " + firstLine(e));
        }
    }

    /** The model configuration JSON stored with the weights, if this is a whole-model file. */
    Optional<String> modelConfig() {
        return read(() -> {
            if (!file.getAttributes().containsKey("model_config")) {
                return Optional.empty();
            }
            return Optional.of(text(file.getAttribute("model_config")));
        });
    }

    /** The weights of every layer that has any, by Keras layer name, each list in {@code weight_names} order. */
    Map<String, List<KerasWeight>> layerWeights() {
        return read(() -> {
            Group root = file.getChildren().containsKey("model_weights") ? (Group) file.getChild("model_weights") : file;
            Map<String, List<KerasWeight>> out = new LinkedHashMap<>();
            if (!root.getAttributes().containsKey("layer_names")) {
                throw new UserInputException(path + ": holds no Keras weights (no layer_names attribute)");
            }
            for (String layer : strings(root.getAttribute("layer_names"))) {
                Group group = (Group) root.getChild(layer);
                if (group == null) {
                    throw new UserInputException(path + ": layer_names lists " + layer + " but there is no such group");
                }
                List<KerasWeight> weights = new ArrayList<>();
                Attribute names = group.getAttribute("weight_names");
                for (String name : names == null ? List.<String>of() : strings(names)) {
                    Node node = group.getByPath(name);
                    if (!(node instanceof Dataset dataset)) {
                        throw new UserInputException(path + ": layer " + layer + " lists weight " + name
                                + " but holds no such dataset");
                    }
                    weights.add(new KerasWeight(name, dataset.getDimensions(), floats(dataset.getDataFlat())));
                }
                if (!weights.isEmpty()) {
                    out.put(layer, weights);
                }
            }
            return out;
        });
    }

    /** Reads one dataset as floats, for the stored inputs and predictions of the tests and fixtures. */
    KerasWeight dataset(String datasetPath) {
        return read(() -> {
            Dataset dataset = file.getDatasetByPath(datasetPath);
            return new KerasWeight(datasetPath, dataset.getDimensions(), floats(dataset.getDataFlat()));
        });
    }

    /** Whether the file has a top-level group or dataset of that name. */
    boolean has(String child) {
        return read(() -> file.getChildren().containsKey(child));
    }

    /** The names of a group's members, in the file's order. */
    List<String> children(String group) {
        return read(() -> new ArrayList<>(((Group) file.getByPath(group)).getChildren().keySet()));
    }

    private <T> T read(java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (UserInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserInputException(path + ": could not be read as a Keras HDF5 file (corrupt or truncated?): "
                    + firstLine(e));
        }
    }

    private static String text(Attribute attribute) {
        Object data = attribute.getData();
        if (data instanceof String s) {
            return s;
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
            return String.valueOf(Array.get(data, 0));
        }
        throw new UserInputException("attribute " + attribute.getName() + " is not a string");
    }

    private static List<String> strings(Attribute attribute) {
        Object data = attribute.getData();
        List<String> out = new ArrayList<>();
        if (data instanceof String s) {
            out.add(s);
        } else if (data != null && data.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                out.add(String.valueOf(Array.get(data, i)));
            }
        }
        return out;
    }

    private static float[] floats(Object flat) {
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        if (flat != null && flat.getClass().isArray()) {
            float[] out = new float[Array.getLength(flat)];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) Array.get(flat, i)).floatValue();
            }
            return out;
        }
        throw new UserInputException("a dataset holds " + (flat == null ? "nothing" : flat.getClass().getSimpleName())
                + ", not numbers");
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    @Override
    public void close() {
        file.close();
    }
}
