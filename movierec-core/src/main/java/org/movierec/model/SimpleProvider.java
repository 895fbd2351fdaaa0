package org.movierec.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.movierec.data.Dataset;

/**
 * An {@link AlgorithmProvider} from its parts, so that an algorithm's provider is a few lines: a
 * nested {@code public static final class Provider extends SimpleProvider<Config>} whose no-argument
 * constructor passes the name, description, defaults, trainer factory, payload reader and
 * capabilities.
 *
 * @param <C> the algorithm's config record
 */
public abstract class SimpleProvider<C extends Record> implements AlgorithmProvider {
    /** Reads a model payload (usually the model class's static {@code read}). */
    @FunctionalInterface
    public interface PayloadReader {
        /**
         * Reads a payload; see {@link AlgorithmProvider#read}.
         *
         * @param in         positioned at the payload
         * @param provenance the model's provenance
         * @param train      the training data saved with the model
         * @return the model
         * @throws IOException when the stream ends early or the payload is inconsistent
         */
        Model read(DataInputStream in, Provenance provenance, Dataset train) throws IOException;
    }

    private final String name;
    private final String description;
    private final C defaults;
    private final Function<C, Trainer<?>> factory;
    private final PayloadReader reader;
    private final Set<Capability> capabilities;

    /**
     * A provider from its parts.
     *
     * @param name         the algorithm's name (see {@link AlgorithmProvider#name()})
     * @param description  one line for {@code movierec algorithms}
     * @param defaults     the default config
     * @param factory      makes a trainer from a config of type {@code C}
     * @param reader       reads the model payload
     * @param capabilities what the models can do
     */
    protected SimpleProvider(String name, String description, C defaults, Function<C, Trainer<?>> factory,
                             PayloadReader reader, Capability... capabilities) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
        this.factory = factory;
        this.reader = reader;
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(java.util.List.of(capabilities));
        this.capabilities = java.util.Collections.unmodifiableSet(caps);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Record defaultConfig() {
        return defaults;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Trainer<?> trainer(Record config) {
        if (config == null || config.getClass() != defaults.getClass()) {
            throw new IllegalArgumentException("algorithm " + name + " takes a "
                    + defaults.getClass().getSimpleName() + " config, got "
                    + (config == null ? "null" : config.getClass().getSimpleName()));
        }
        return factory.apply((C) config);
    }

    @Override
    public final Model read(DataInputStream in, Provenance provenance, Dataset train) throws IOException {
        return reader.read(in, provenance, train);
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }
}
