package io.rnnkit.models.spec;

import io.rnnkit.core.UserInputException;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/**
 * How weights start: {@code xavier}, {@code relu} (He), or {@code uniform:S} for U(−S, S) as the
 * PTB reference uses.
 *
 * @param text the flat form, for example "uniform:0.1"
 */
public record WeightInitSpec(String text) {

    private static final String UNIFORM = "uniform:";

    public WeightInitSpec {
        toDl4j(text);
    }

    /** The DL4J weight initialisation this spec stands for. */
    public IWeightInit toDl4j() {
        return toDl4j(text);
    }

    private static IWeightInit toDl4j(String text) {
        if (text.equals("xavier")) {
            return WeightInit.XAVIER.getWeightInitFunction();
        }
        if (text.equals("relu")) {
            return WeightInit.RELU.getWeightInitFunction();
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
        throw new UserInputException("weight-init: unknown value '" + text + "'; use xavier, relu or uniform:SCALE (SCALE > 0)");
    }
}
