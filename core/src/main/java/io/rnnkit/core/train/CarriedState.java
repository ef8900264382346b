package io.rnnkit.core.train;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hidden state a stateful network carries from one training batch to the next. The trainer clears it at
 * each epoch start and keeps it in a checkpoint written mid-epoch, so that a resumed epoch goes on from the
 * state the stopped one had reached.
 */
public interface CarriedState {

    /** For networks that carry nothing between batches. */
    CarriedState NONE = of(model -> { }, model -> Map.of(), (model, arrays) -> { });

    /** Forgets the carried state, so the next batch starts from zeros. */
    void reset(Model model);

    /** Copies of the carried arrays, each named by where it lives in the network; empty when nothing is carried. */
    Map<String, INDArray> save(Model model);

    /** Carries the arrays {@link #save} returned into the next batch of a network with the same configuration. */
    void restore(Model model, Map<String, INDArray> arrays);

    /** The carried state that the three given operations reach. */
    static CarriedState of(Consumer<Model> reset, Function<Model, Map<String, INDArray>> save,
                           BiConsumer<Model, Map<String, INDArray>> restore) {
        return new CarriedState() {
            @Override
            public void reset(Model model) {
                reset.accept(model);
            }

            @Override
            public Map<String, INDArray> save(Model model) {
                return save.apply(model);
            }

            @Override
            public void restore(Model model, Map<String, INDArray> arrays) {
                restore.accept(model, arrays);
            }
        };
    }
}
