package io.rnnkit.datasets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class TokenWindowsTest {

    @TempDir
    Path temp;

    /** What an executor does: receive the recipe serialized, map the shared ids file, build the batch. */
    @Test
    void aRecipeSentElsewhereBuildsTheBatchTheSamplerWouldHaveGiven() throws Exception {
        Path text = Files.writeString(temp.resolve("text.txt"), "the time traveller for so it will be convenient\n".repeat(40));
        Path shared = temp.resolve("shared");
        CharCorpus corpus = CharCorpus.loadShared(text, TextCleaning.NONE, false, shared);
        TokenBatchShape shape = new TokenBatchShape(4, 10, TokenEncoding.ONE_HOT, TokenEncoding.ONE_HOT);
        SequentialTokenIterator sampler = corpus.sequential(shape, 7L);
        SequentialTokenIterator recipes = corpus.sequential(shape, 7L);

        int batches = 0;
        while (sampler.hasNext()) {
            DataSet direct = sampler.next();
            TokenWindows recipe = travelled(recipes.nextWindows());
            MultiDataSet built = recipe.build();
            assertThat(built.getFeatures(0)).isEqualTo(direct.getFeatures());
            assertThat(built.getLabels(0)).isEqualTo(direct.getLabels());
            assertThat(recipe.items()).isEqualTo(40);
            assertThat(recipe.examples()).isEqualTo(4);
            batches++;
        }

        assertThat(batches).isEqualTo(sampler.batchesPerEpoch()).isGreaterThan(10);
        assertThat(recipes.hasNext()).isFalse();
        assertThatThrownBy(recipes::nextWindows).isInstanceOf(NoSuchElementException.class);
        try (Stream<Path> files = Files.list(shared)) {
            List<Path> ids = files.toList();
            assertThat(ids).hasSize(1);
            assertThat(Files.size(ids.get(0))).isEqualTo(corpus.length());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ids.get(0)))).isEqualTo("rw-r--r--");
        }
    }

    private static TokenWindows travelled(TokenWindows recipe) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recipe);
        }
        assertThat(bytes.size()).as("the recipe, not the ids").isLessThan(2000);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TokenWindows) in.readObject();
        }
    }
}
