package io.rnnkit.models.spec;

import io.rnnkit.core.UserInputException;
import io.rnnkit.models.layers.OrthogonalInit;
import java.util.Optional;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/**
 * How weights start: {@code xavier}, {@code relu} (He), {@code uniform:S} for U(−S, S) as the PTB
 * reference uses, or {@code keras}: Keras's defaults for recurrent layers, Glorot-uniform input weights
 * and orthogonal recurrent weights ({@link OrthogonalInit}), biases as the layers start them (zero, the
 * LSTM's forget gate at its forget bias).
 *
 * @param text the flat form, for example "uniform:0.1"
 */
public record WeightInitSpec(String text) {

    private static final String UNIFORM = "uniform:";
    private static final String KERAS = "keras";

    public WeightInitSpec {
        toDl4j(text);
    }

    /** The DL4J weight initialisation this spec stands for (of the input weights, where they differ). */
    public IWeightInit toDl4j() {
        return toDl4j(text);
    }

    /** The recurrent weights' own initialisation, where it differs from {@link #toDl4j()}. */
    public Optional<IWeightInit> recurrent() {
        return text.equals(KERAS) ? Optional.of(new OrthogonalInit()) : Optional.empty();
    }

    private static IWeightInit toDl4j(String text) {
        if (text.equals("xavier")) {
            return WeightInit.XAVIER.getWeightInitFunction();
        }
        if (text.equals("relu")) {
            return WeightInit.RELU.getWeightInitFunction();
        }
        if (text.equals(KERAS)) {
            return WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
        }
        if (text.startsWith(UNIFORM)) {
            double scale;
            try {
                scale = Double.parseDouble(text.substring(UNIFORM.length()));
            } catch (NumberFormatException e) {
                scale = Double.NaN;
            }
            if (scale > 0 && Double.isFinite(scale)) {
                return new WeightInitDistribution(new UniformDistribution(-scale, scale));
            }
        }
        throw new UserInputException("weight-init: unknown value '" + text + "'; use xavier, relu, keras or uniform:SCALE (SCALE > 0)");
    }
}
