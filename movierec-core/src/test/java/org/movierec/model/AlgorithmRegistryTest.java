package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.util.ProgressListener;

/**
 * Every algorithm is found through {@link java.util.ServiceLoader}, and each provider tells the
 * truth: its name is the trainer's name and the model's type key, its default config is what its
 * trainer runs with, and its declared capabilities are exactly the interfaces its model implements.
 */
class AlgorithmRegistryTest {
    /** The algorithms core ships; a provider missing from META-INF/services fails here. */
    static final Set<String> CORE = Set.of("global-mean", "bias", "popularity", "biased-mf", "svdpp", "timesvdpp",
            "als", "ials", "bpr", "item-knn", "user-knn", "random", "ease", "fm", "blend");

    static Set<String> names() {
        return CORE;
    }

    @Test
    void findsEveryCoreAlgorithm() {
        assertThat(AlgorithmRegistry.names()).containsAll(CORE);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> AlgorithmRegistry.get("svd+"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown algorithm 'svd+'").hasMessageContaining("svdpp");
        assertThat(AlgorithmRegistry.find("svd+")).isNull();
    }

    @Test
    void badOverrideNamesTheAlgorithm() {
        assertThatThrownBy(() -> AlgorithmRegistry.create("biased-mf", Map.of("factor", "8")))
                .hasMessageContaining("biased-mf").hasMessageContaining("factors");
    }

    @ParameterizedTest
    @MethodSource("names")
    void providerMatchesTrainerAndModel(String name) {
        AlgorithmProvider p = AlgorithmRegistry.get(name);
        assertThat(p.description()).isNotBlank();
        Trainer<?> t = AlgorithmRegistry.create(name, ModelFixtures.SMALL.getOrDefault(name, Map.of()));
        assertThat(t.name()).isEqualTo(name);
        assertThat(t.config()).isInstanceOf(p.defaultConfig().getClass());
        Dataset train = SyntheticGenerator.generate(ModelFixtures.DATA);
        Model m = t.fit(train, null, ProgressListener.NONE);
        assertThat(m.type()).isEqualTo(name);
        assertThat(m.provenance().algorithm()).isEqualTo(name);
        EnumSet<Capability> actual = EnumSet.noneOf(Capability.class);
        if (m instanceof RatingPredictor) {
            actual.add(Capability.PREDICTS_RATINGS);
        }
        if (m instanceof ItemScorer) {
            actual.add(Capability.RANKS);
        }
        if (m instanceof SimilarItems) {
            actual.add(Capability.SIMILAR_ITEMS);
        }
        if (m instanceof FoldIn) {
            actual.add(Capability.FOLD_IN);
        }
        if (m instanceof org.movierec.algo.FactorModel fm && fm.innerProducts() != null) {
            actual.add(Capability.INNER_PRODUCT);
        }
        EnumSet<Capability> declared = EnumSet.copyOf(p.capabilities());
        declared.remove(Capability.NEEDS_RATINGS);
        assertThat(actual).as("capabilities of %s", name).isEqualTo(declared);
    }

    @Test
    void trainerRejectsAConfigOfAnotherAlgorithm() {
        Record other = AlgorithmRegistry.get("bias").defaultConfig();
        assertThatThrownBy(() -> AlgorithmRegistry.get("biased-mf").trainer(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("biased-mf");
    }
}
