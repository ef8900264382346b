package io.rnnkit.core.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.schedule.ISchedule;

/** The few operations the trainer needs on either kind of DL4J network, in one place. */
public final class Networks {

    private Networks() {
    }

    /** One training step (or one TBPTT pass, if the network is configured for it) on a batch. */
    public static void fit(Model model, MultiDataSet batch) {
        if (model instanceof MultiLayerNetwork network) {
            network.fit(asDataSet(batch));
        } else if (model instanceof ComputationGraph graph) {
            graph.fit(batch);
        } else {
            throw unsupported(model);
        }
    }

    /** The network's inference outputs for a batch, honouring its feature and label masks. */
    public static INDArray[] output(Model model, MultiDataSet batch) {
        if (model instanceof MultiLayerNetwork network) {
            return new INDArray[] {network.output(batch.getFeatures(0), false,
                    batch.getFeaturesMaskArray(0), batch.getLabelsMaskArray(0))};
        }
        if (model instanceof ComputationGraph graph) {
            return graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        }
        throw unsupported(model);
    }

    /**
     * Frees the off-heap memory of arrays the caller owns and no longer uses, now rather than when the
     * garbage collector happens to find them: ND4J's allocations are invisible to the collector's sizing,
     * so a loop that drops a large array per batch grows the process by gigabytes between collections.
     * Views, workspace arrays and arrays already released are left alone; nulls and repeats are allowed.
     */
    public static void release(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array != null && !array.wasClosed() && array.closeable()) {
                array.close();
            }
        }
    }

    /**
     * Frees a network's outputs for a batch once they are used, except an output that shares its memory
     * with the batch (a network without workspaces may hand back its input).
     */
    public static void releaseOutputs(INDArray[] outputs, MultiDataSet batch) {
        for (INDArray output : outputs) {
            if (output != null && !sharesMemory(output, batch)) {
                release(output);
            }
        }
    }

    private static boolean sharesMemory(INDArray output, MultiDataSet batch) {
        List<INDArray> owned = new ArrayList<>();
        addAll(owned, batch.getFeatures());
        addAll(owned, batch.getLabels());
        addAll(owned, batch.getFeaturesMaskArrays());
        addAll(owned, batch.getLabelsMaskArrays());
        for (INDArray array : owned) {
            if (array != null && (array == output || rootBuffer(array) == rootBuffer(output))) {
                return true;
            }
        }
        return false;
    }

    private static void addAll(List<INDArray> into, INDArray[] arrays) {
        if (arrays != null) {
            into.addAll(Arrays.asList(arrays));
        }
    }

    private static DataBuffer rootBuffer(INDArray array) {
        DataBuffer buffer = array.data();
        while (buffer.underlyingDataBuffer() != null && buffer.underlyingDataBuffer() != buffer) {
            buffer = buffer.underlyingDataBuffer();
        }
        return buffer;
    }

    /** A single-input, single-output batch as the DataSet a MultiLayerNetwork takes. */
    public static DataSet asDataSet(MultiDataSet batch) {
        return new DataSet(batch.getFeatures(0), batch.getLabels(0),
                batch.getFeaturesMaskArray(0), batch.getLabelsMaskArray(0));
    }

    /** Tells the network which epoch it is in, so epoch-based schedules see the right value. */
    public static void setEpoch(Model model, int epoch) {
        if (model instanceof MultiLayerNetwork network) {
            network.setEpochCount(epoch);
        } else if (model instanceof ComputationGraph graph) {
            graph.getConfiguration().setEpochCount(epoch);
        } else {
            throw unsupported(model);
        }
    }

    /** The learning rate the first layer's updater uses at the network's current iteration and epoch. */
    public static double learningRate(Model model) {
        if (model instanceof MultiLayerNetwork network) {
            return network.getLearningRate(0) == null ? Double.NaN : network.getLearningRate(0);
        }
        if (model instanceof ComputationGraph graph) {
            String first = graph.getLayers()[0].conf().getLayer().getLayerName();
            Double rate = graph.getLearningRate(first);
            return rate == null ? Double.NaN : rate;
        }
        throw unsupported(model);
    }

    /** Replaces every layer's learning-rate schedule, keeping the updater's state (Adam's moments, for one). */
    public static void setLearningRate(Model model, ISchedule schedule) {
        if (model instanceof MultiLayerNetwork network) {
            network.setLearningRate(schedule);
        } else if (model instanceof ComputationGraph graph) {
            graph.setLearningRate(schedule);
        } else {
            throw unsupported(model);
        }
    }

    /** The training listeners attached to the network (gradient clipping, for one), as a new list. */
    public static List<TrainingListener> listeners(Model model) {
        Collection<TrainingListener> attached;
        if (model instanceof MultiLayerNetwork network) {
            attached = network.getListeners();
        } else if (model instanceof ComputationGraph graph) {
            attached = graph.getListeners();
        } else {
            throw unsupported(model);
        }
        return attached == null ? new ArrayList<>() : new ArrayList<>(attached);
    }

    /** Writes the network with its updater state, so training can resume exactly. */
    public static void write(Model model, OutputStream out) throws IOException {
        ModelSerializer.writeModel(model, out, true);
    }

    /** Reads a network written by {@link #write}, as the same kind of network as {@code like}. */
    public static Model read(InputStream in, Model like) throws IOException {
        if (like instanceof MultiLayerNetwork) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        }
        if (like instanceof ComputationGraph) {
            return ModelSerializer.restoreComputationGraph(in, true);
        }
        throw unsupported(like);
    }

    private static IllegalArgumentException unsupported(Model model) {
        return new IllegalArgumentException("unsupported model type " + model.getClass().getName()
                + "; expected a MultiLayerNetwork or ComputationGraph");
    }
}
