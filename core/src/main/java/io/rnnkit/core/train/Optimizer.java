package io.rnnkit.core.train;

import java.util.Arrays;
import java.util.Locale;
import io.rnnkit.core.UserInputException;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/** The optimizers a run can use, each turned into a DL4J updater driven by a learning-rate schedule. */
public enum Optimizer {
    SGD, ADAM, NADAM;

    /** The DL4J updater for this optimizer with the given learning-rate schedule. */
    public IUpdater updater(ISchedule learningRate) {
        return switch (this) {
            case SGD -> new Sgd(learningRate);
            case ADAM -> new Adam(learningRate);
            case NADAM -> Nadam.builder().learningRateSchedule(learningRate).build();
        };
    }

    /** Parses a name such as "adam" case-insensitively, with a one-line error naming the choices. */
    public static Optimizer parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("optimizer: unknown value '" + name + "'; choose one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
