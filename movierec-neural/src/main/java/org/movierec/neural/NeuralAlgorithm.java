package org.movierec.neural;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.movierec.data.Dataset;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.Model;
import org.movierec.model.Provenance;
import org.movierec.model.Trainer;
import org.movierec.neural.feature.Features;
import org.movierec.util.ProgressListener;

/**
 * The provider and trainer shared by the neural algorithms: each algorithm gives its name, default
 * config, architecture and how to read the training settings from its config.
 *
 * @param <C> the config record
 */
public abstract class NeuralAlgorithm<C extends Record> implements AlgorithmProvider {
    private final String name;
    private final String description;
    private final C defaults;
    private final Architecture<C> architecture;
    private final Function<C, TrainSettings> settings;

    protected NeuralAlgorithm(String name, String description, C defaults, Architecture<C> architecture,
                              Function<C, TrainSettings> settings) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
        this.architecture = architecture;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public C defaultConfig() {
        return defaults;
    }

    public Architecture<C> architecture() {
        return architecture;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Trainer<NeuralModel<C>> trainer(Record config) {
        if (config == null || config.getClass() != defaults.getClass()) {
            throw new IllegalArgumentException(name + " needs a " + defaults.getClass().getSimpleName() + " config, got "
                    + (config == null ? "null" : config.getClass().getSimpleName()));
        }
        return new NeuralTrainer((C) config);
    }

    /** A trainer with the default config. */
    public Trainer<NeuralModel<C>> trainer() {
        return trainer(defaults);
    }

    @Override
    public Model read(DataInputStream in, Provenance provenance, Dataset train) throws IOException {
        return readModel(in, provenance);
    }

    NeuralModel<C> readModel(DataInputStream in, Provenance provenance) throws IOException {
        return NeuralModel.read(name, defaults, architecture, in, provenance);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PREDICTS_RATINGS, Capability.RANKS, Capability.NEEDS_RATINGS);
    }

    /** Fits features on the training part (after the validation carve) and trains the network. */
    final class NeuralTrainer implements Trainer<NeuralModel<C>> {
        private final C config;

        NeuralTrainer(C config) {
            this.config = config;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Record config() {
            return config;
        }

        @Override
        public NeuralModel<C> fit(Dataset train, Dataset validation, ProgressListener progress) {
            TrainSettings s = settings.apply(config);
            NeuralFit.Parts parts = NeuralFit.carve(train, validation, s.validationFraction(), s.seed());
            Features features = Features.fit(parts.fit());
            Network net = architecture.build(config, features, s.seed());
            Target target = architecture.target(config, train.ratingScale());
            NeuralFit.Result r = NeuralFit.train(name, net, parts.fit().interactions(), parts.validation(), target,
                    train.ratingScale(), s, progress == null ? ProgressListener.NONE : progress);
            return new NeuralModel<>(name, Provenance.untrained(name, config, s.seed()), config, architecture, features,
                    net, target, r.history(), r.bestEpoch());
        }
    }
}
