package io.rnnkit.benchmarks.dl4j;

import io.rnnkit.benchmarks.CellType;
import java.lang.reflect.Method;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rnnkit's layers ({@code io.rnnkit.models.layers.SimpleRnn}, {@code Lstm}, {@code Gru}) through
 * their DL4J-style builders, {@code new Lstm.Builder().nIn(..).nOut(..).build()}.
 *
 * <p>The builders are looked up by name so this module compiles and runs its other peers while the
 * layers are still being written; a missing class simply yields no rnnkit row.
 */
final class RnnkitLayerFactory implements RecurrentLayerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RnnkitLayerFactory.class);
    private static final String PACKAGE = "io.rnnkit.models.layers.";

    @Override
    public Optional<Layer> create(CellType cell, int nIn, int nOut) {
        String className = PACKAGE + switch (cell) {
            case SIMPLE_RNN -> "SimpleRnn";
            case LSTM -> "Lstm";
            case GRU -> "Gru";
        };
        Class<?> builderClass;
        try {
            builderClass = Class.forName(className + "$Builder");
        } catch (ClassNotFoundException e) {
            LOG.debug("rnnkit layer {} not on the classpath", className);
            return Optional.empty();
        }
        try {
            Object builder = builderClass.getConstructor().newInstance();
            builder = invoke(builder, "nIn", nIn);
            builder = invoke(builder, "nOut", nOut);
            Method activation = findMethod(builder.getClass(), "activation", Activation.class);
            if (activation != null) {
                builder = activation.invoke(builder, Activation.TANH);
            }
            return Optional.of((Layer) builder.getClass().getMethod("build").invoke(builder));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build rnnkit layer " + className + ": " + e, e);
        }
    }

    private static Object invoke(Object builder, String name, int value) throws ReflectiveOperationException {
        Method method = findMethod(builder.getClass(), name, int.class);
        if (method != null) {
            return method.invoke(builder, value);
        }
        return builder.getClass().getMethod(name, long.class).invoke(builder, (long) value);
    }

    private static Method findMethod(Class<?> type, String name, Class<?> parameter) {
        try {
            return type.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
