package io.rnnkit.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class CountingBatchesTest {

    @Test
    void countsBatchesAndTheirTokens() {
        List<String> seen = new ArrayList<>();
        CountingBatches counted = new CountingBatches(batches(3), (unit, items) -> seen.add(unit + " " + items));

        while (counted.hasNext()) {
            counted.next();
        }

        assertThat(counted.batches()).isEqualTo(3);
        assertThat(counted.items()).isEqualTo(3 * 2 * 5);
        assertThat(seen).containsExactly("tokens 10", "tokens 20", "tokens 30");
        assertThat(counted.givesRecipes()).isFalse();
        assertThatThrownBy(counted::nextRecipe).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("the source gives batches, not recipes");
    }

    @Test
    void countsRecipesWithoutBuildingThem() {
        List<String> seen = new ArrayList<>();
        CountingBatches counted = new CountingBatches(new Recipes(2), (unit, items) -> seen.add(unit + " " + items));

        assertThat(counted.givesRecipes()).isTrue();
        while (counted.hasNext()) {
            assertThat(counted.nextRecipe().examples()).isEqualTo(4);
        }

        assertThat(counted.batches()).isEqualTo(2);
        assertThat(counted.items()).isEqualTo(2 * 4 * 7);
        assertThat(seen).containsExactly("tokens 28", "tokens 56");
    }

    /** Batches of 2 sequences x 5 steps. */
    private static MultiDataSetIterator batches(int count) {
        List<MultiDataSet> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.zeros(2, 3, 5), Nd4j.zeros(2, 3, 5)));
        }
        return new org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter(
                new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                        list.stream().map(Networks::asDataSet).toList(), 1));
    }

    /** A source of recipes for batches of 4 rows x 7 steps that nobody builds here. */
    private static final class Recipes extends org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter
            implements BatchRecipeSource {
        private int left;

        Recipes(int count) {
            super(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(List.of(), 1));
            this.left = count;
        }

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public boolean givesRecipes() {
            return true;
        }

        @Override
        public BatchRecipe nextRecipe() {
            left--;
            return new BatchRecipe() {
                @Override
                public MultiDataSet build() {
                    throw new AssertionError("counting must not build the batch");
                }

                @Override
                public int examples() {
                    return 4;
                }

                @Override
                public long items() {
                    return 4 * 7;
                }

                @Override
                public String unit() {
                    return "tokens";
                }
            };
        }
    }
}
