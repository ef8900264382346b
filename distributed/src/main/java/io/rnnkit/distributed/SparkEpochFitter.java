package io.rnnkit.distributed;

import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.Networks;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains each epoch on a Spark cluster through DL4J's Spark integration. The epoch's batches are sent
 * to the executors a slice at a time (so a large corpus never sits in the driver's memory at once),
 * each slice is one Spark job, and after each job the driver's network holds the combined parameters
 * and updater state.
 *
 * <p>Batches reach the executors as they are: each one is a worker's mini-batch, so a task's batch size
 * means the same on Spark as on one machine.
 */
final class SparkEpochFitter implements EpochFitter {

    private static final Logger LOG = LoggerFactory.getLogger(SparkEpochFitter.class);
    /** Batches per Spark job: enough for many averaging rounds, few enough to hold in the driver. */
    static final int BATCHES_PER_JOB = 256;

    private final JavaSparkContext context;
    private final SparkTrainingMasters masters;
    private TrainingMaster<?, ?> master;

    SparkEpochFitter(JavaSparkContext context, SparkTrainingMasters masters) {
        this.context = context;
        this.masters = masters;
    }

    @Override
    public double fitEpoch(Model model, MultiDataSetIterator batches) {
        double lossSum = 0;
        int fitted = 0;
        List<MultiDataSet> slice = new ArrayList<>(BATCHES_PER_JOB);
        while (batches.hasNext()) {
            slice.add(batches.next());
            if (slice.size() == BATCHES_PER_JOB || !batches.hasNext()) {
                double loss = fitSlice(model, slice);
                lossSum += loss * slice.size();
                fitted += slice.size();
                LOG.debug("spark: fitted {} batches so far this epoch, loss {}", fitted, loss);
                slice.clear();
            }
        }
        return fitted == 0 ? Double.NaN : lossSum / fitted;
    }

    private double fitSlice(Model model, List<MultiDataSet> slice) {
        TrainingMaster<?, ?> trainingMaster = masterFor(model, (int) slice.get(0).getFeatures(0).size(0));
        int partitions = Math.min(slice.size(), context.defaultParallelism());
        if (model instanceof MultiLayerNetwork network) {
            List<DataSet> dataSets = slice.stream().map(Networks::asDataSet).toList();
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(context, network, trainingMaster);
            spark.fit(context.parallelize(dataSets, partitions));
            return spark.getScore();
        }
        if (model instanceof ComputationGraph graph) {
            SparkComputationGraph spark = new SparkComputationGraph(context, graph, trainingMaster);
            spark.fitMultiDataSet(context.parallelize(slice, partitions));
            return spark.getScore();
        }
        throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
    }

    /**
     * The training master, made for the first batch's size (the task's batch size; a short last batch only
     * skews Spark's example counts), with the model's listeners, such as global-norm clipping, sent along
     * to every executor.
     */
    private TrainingMaster<?, ?> masterFor(Model model, int batchSize) {
        if (master == null) {
            master = masters.create(batchSize);
            master.setListeners(Networks.listeners(model));
        }
        return master;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Builds the DL4J training master an {@link ExecutionConfig} asks for. */
    interface SparkTrainingMasters {
        TrainingMaster<?, ?> create(int batchSize);
    }
}
