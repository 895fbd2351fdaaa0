package org.movierec.model;

import org.movierec.data.Dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The algorithms on the class path, found once with {@link ServiceLoader} (see
 * {@link AlgorithmProvider}). Names are unique: two providers with one name fail at start-up with
 * an error that names both classes. Thread-safe: the providers are loaded once, on first use, with the
 * class loader that loaded this class.
 */
public final class AlgorithmRegistry {
    private static volatile Map<String, AlgorithmProvider> providers;

    private AlgorithmRegistry() {
    }

    private static Map<String, AlgorithmProvider> providers() {
        Map<String, AlgorithmProvider> p = providers;
        if (p == null) {
            synchronized (AlgorithmRegistry.class) {
                p = providers;
                if (p == null) {
                    p = load();
                    providers = p;
                }
            }
        }
        return p;
    }

    private static Map<String, AlgorithmProvider> load() {
        Map<String, AlgorithmProvider> found = new TreeMap<>();
        ServiceLoader<AlgorithmProvider> loader = ServiceLoader.load(AlgorithmProvider.class,
                AlgorithmRegistry.class.getClassLoader());
        try {
            for (AlgorithmProvider a : loader) {
                String name = a.name();
                if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                    throw new IllegalStateException("algorithm provider " + a.getClass().getName()
                            + " has an invalid name '" + name + "' (lower case letters, digits and '-')");
                }
                AlgorithmProvider old = found.putIfAbsent(name, a);
                if (old != null) {
                    throw new IllegalStateException("two algorithm providers are named '" + name + "': "
                            + old.getClass().getName() + " and " + a.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load an algorithm provider: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(found));
    }

    /**
     * Every provider on the class path.
     *
     * @return a new list, sorted by name
     * @throws IllegalStateException when a provider cannot be loaded, has an invalid name or shares its name
     */
    public static List<AlgorithmProvider> all() {
        return new ArrayList<>(providers().values());
    }

    /**
     * The provider of an algorithm.
     *
     * @param name the algorithm's name, such as {@code biased-mf}
     * @return its provider
     * @throws IllegalArgumentException naming the unknown name and listing the known ones
     */
    public static AlgorithmProvider get(String name) {
        AlgorithmProvider p = providers().get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: "
                    + String.join(", ", providers().keySet()));
        }
        return p;
    }

    /**
     * The provider of an algorithm, if present.
     *
     * @param name the algorithm's name
     * @return its provider, or null when no algorithm of that name is on the class path
     */
    public static AlgorithmProvider find(String name) {
        return providers().get(name);
    }

    /**
     * The names of every algorithm on the class path.
     *
     * @return an unmodifiable set, sorted
     */
    public static java.util.Set<String> names() {
        return providers().keySet();
    }

    /**
     * Whether an algorithm is on the class path.
     *
     * @param name an algorithm's name
     * @return true when a provider of that name was found
     */
    public static boolean contains(String name) {
        return providers().containsKey(name);
    }

    /**
     * A trainer for {@code name} with {@code overrides} ({@code key=value} text, see
     * {@link Params#bind}) applied to its defaults.
     *
     * @param name      the algorithm's name, such as {@code biased-mf}
     * @param overrides hyperparameter key to value text (e.g. {@code factors=20}); null or empty for the defaults
     * @return a new trainer
     * @throws IllegalArgumentException naming an unknown algorithm (and the known ones)
     * @throws Params.ParamException    naming the algorithm, the key, the value and what is allowed
     */
    public static Trainer<?> create(String name, Map<String, String> overrides) {
        AlgorithmProvider p = get(name);
        Record config = Params.bind(p.defaultConfig(), overrides == null ? Map.of() : overrides, name);
        return p.trainer(config);
    }

    /**
     * A trainer for an algorithm with its default configuration.
     *
     * @param name the algorithm's name
     * @return a new trainer
     * @throws IllegalArgumentException naming an unknown algorithm (and the known ones)
     */
    public static Trainer<?> create(String name) {
        return create(name, Map.of());
    }

    /**
     * Refuses training data an algorithm cannot learn from: implicit feedback ({@link Dataset#isImplicit()})
     * for an algorithm whose provider declares {@link AlgorithmProvider.Capability#NEEDS_RATINGS}. Unknown
     * names pass (the registry reports them elsewhere).
     *
     * @param name the algorithm's registered name, such as {@code svd} (an unknown name passes)
     * @param data the training data the algorithm is about to be trained on; must not be null
     * @throws IllegalArgumentException naming the algorithm, what it needs and the algorithms that fit
     * @throws NullPointerException     when {@code data} is null for a known algorithm
     */
    public static void checkData(String name, Dataset data) {
        AlgorithmProvider p = find(name);
        if (p == null || !data.isImplicit() || !p.capabilities().contains(AlgorithmProvider.Capability.NEEDS_RATINGS)) {
            return;
        }
        List<String> fit = new ArrayList<>();
        for (AlgorithmProvider q : providers().values()) {
            if (!q.capabilities().contains(AlgorithmProvider.Capability.NEEDS_RATINGS)) {
                fit.add(q.name());
            }
        }
        throw new IllegalArgumentException("algorithm '" + name + "' needs explicit ratings, but " + data.name()
                + " holds implicit feedback (no rating column; only interactions, counts or weights); algorithms "
                + "that learn from implicit feedback: " + String.join(", ", fit));
    }
}
