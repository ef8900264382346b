package io.rnnkit.distributed;

import io.rnnkit.core.parallel.ExecutionConfig;
import io.rnnkit.core.train.BatchRecipe;
import io.rnnkit.core.train.BatchRecipeSource;
import io.rnnkit.core.train.EpochFitter;
import io.rnnkit.core.train.Networks;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
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
 * means the same on Spark as on one machine. Where the batches come as {@link BatchRecipe}s (a corpus on
 * storage every node can read), only the recipes travel and each executor reads its own batches.
 */
final class SparkEpochFitter implements EpochFitter {

    private static final Logger LOG = LoggerFactory.getLogger(SparkEpochFitter.class);
    /** Batches per Spark job: enough for many averaging rounds, few enough to hold in the driver. */
    static final int BATCHES_PER_JOB = 256;

    private final JavaSparkContext context;
    private final SparkTrainingMasters masters;
    private final SparkLossListener losses;
    private SparkNetwork sparkNetwork;

    SparkEpochFitter(JavaSparkContext context, SparkTrainingMasters masters) {
        this.context = context;
        this.masters = masters;
        this.losses = new SparkLossListener(context);
    }

    @Override
    public double fitEpoch(Model model, MultiDataSetIterator batches) {
        losses.takeMean();
        int fitted = batches instanceof BatchRecipeSource source && source.givesRecipes()
                ? fitRecipes(model, batches, source)
                : fitBatches(model, batches);
        double loss = losses.takeMean();
        if (fitted > 0 && losses.lastCount() == 0) {
            throw new IllegalStateException("spark: the executors fitted none of this epoch's " + fitted
                    + " batches; see the Spark log above (run with --verbose)");
        }
        return loss;
    }

    private int fitBatches(Model model, MultiDataSetIterator batches) {
        int fitted = 0;
        List<MultiDataSet> slice = new ArrayList<>(BATCHES_PER_JOB);
        while (batches.hasNext()) {
            slice.add(batches.next());
            if (slice.size() == BATCHES_PER_JOB || !batches.hasNext()) {
                SparkNetwork spark = sparkNetworkFor(model, (int) slice.get(0).getFeatures(0).size(0));
                spark.fit(context.parallelize(slice, partitions(slice.size())));
                fitted += slice.size();
                LOG.debug("spark: fitted {} batches so far this epoch", fitted);
                slice.clear();
            }
        }
        return fitted;
    }

    /** Only the recipes travel: each executor builds its batches from the shared data itself. */
    private int fitRecipes(Model model, MultiDataSetIterator batches, BatchRecipeSource source) {
        int fitted = 0;
        List<BatchRecipe> slice = new ArrayList<>(BATCHES_PER_JOB);
        while (batches.hasNext()) {
            slice.add(source.nextRecipe());
            if (slice.size() == BATCHES_PER_JOB || !batches.hasNext()) {
                SparkNetwork spark = sparkNetworkFor(model, slice.get(0).examples());
                spark.fit(context.parallelize(new ArrayList<>(slice), partitions(slice.size())).map(BatchRecipe::build));
                fitted += slice.size();
                LOG.debug("spark: fitted {} batches from recipes so far this epoch", fitted);
                slice.clear();
            }
        }
        return fitted;
    }

    private int partitions(int batches) {
        return Math.min(batches, context.defaultParallelism());
    }

    /**
     * The Spark wrapper of the model, made once per fitter (DL4J's gradient-sharing transport stays up
     * between jobs only that way), with a training master made for the first batch's size (the task's batch
     * size; a short last batch only skews Spark's example counts). The model's listeners, such as
     * global-norm clipping, and the loss collector go along to every executor.
     */
    private SparkNetwork sparkNetworkFor(Model model, int batchSize) {
        if (sparkNetwork == null || sparkNetwork.model() != model) {
            TrainingMaster<?, ?> master = masters.create(batchSize);
            List<TrainingListener> listeners = Networks.listeners(model);
            listeners.add(losses);
            master.setListeners(listeners);
            sparkNetwork = SparkNetwork.of(context, model, master);
        }
        return sparkNetwork;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Builds the DL4J training master an {@link ExecutionConfig} asks for. */
    interface SparkTrainingMasters {
        TrainingMaster<?, ?> create(int batchSize);
    }

    /** DL4J's Spark wrapper of either kind of network, fitting one slice of batches per call. */
    private record SparkNetwork(Model model, SparkDl4jMultiLayer layers, SparkComputationGraph graph) {

        static SparkNetwork of(JavaSparkContext context, Model model, TrainingMaster<?, ?> master) {
            if (model instanceof MultiLayerNetwork network) {
                return new SparkNetwork(model, new SparkDl4jMultiLayer(context, network, master), null);
            }
            if (model instanceof ComputationGraph graph) {
                return new SparkNetwork(model, null, new SparkComputationGraph(context, graph, master));
            }
            throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
        }

        void fit(JavaRDD<MultiDataSet> batches) {
            if (layers != null) {
                layers.fit(batches.map(Networks::asDataSet));
            } else {
                graph.fitMultiDataSet(batches);
            }
        }
    }
}
