package io.rnnkit.models;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorApiTest {

    @Test
    void passesInThisJvmWhichHasTheModule() {
        assertThatCode(VectorApi::require).doesNotThrowAnyException();
    }

    @Test
    void namesTheFlagWhenTheModuleIsMissing() {
        assertThatThrownBy(() -> VectorApi.require(ModuleLayer.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--add-modules jdk.incubator.vector");
    }
}
