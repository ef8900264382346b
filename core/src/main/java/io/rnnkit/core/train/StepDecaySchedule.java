package io.rnnkit.core.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The PTB reference learning-rate schedule: keep the initial rate for the first {@code keepEpochs}
 * epochs, then multiply it by {@code factor} once per further epoch.
 *
 * <p>Epochs are counted from 0, as DL4J does, so epoch {@code keepEpochs} is the first decayed one.
 */
public final class StepDecaySchedule implements ISchedule {

    private final double initialValue;
    private final int keepEpochs;
    private final double factor;

    public StepDecaySchedule(@JsonProperty("initialValue") double initialValue,
                             @JsonProperty("keepEpochs") int keepEpochs,
                             @JsonProperty("factor") double factor) {
        this.initialValue = initialValue;
        this.keepEpochs = keepEpochs;
        this.factor = factor;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int decays = Math.max(0, epoch - keepEpochs + 1);
        return initialValue * Math.pow(factor, decays);
    }

    @Override
    public ISchedule clone() {
        return new StepDecaySchedule(initialValue, keepEpochs, factor);
    }

    public double getInitialValue() {
        return initialValue;
    }

    public int getKeepEpochs() {
        return keepEpochs;
    }

    public double getFactor() {
        return factor;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StepDecaySchedule that
                && initialValue == that.initialValue && keepEpochs == that.keepEpochs && factor == that.factor;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initialValue) * 31 * 31 + keepEpochs * 31 + Double.hashCode(factor);
    }
}
