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
 * an error that names both classes.
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

    /** Every provider, by name. */
    public static List<AlgorithmProvider> all() {
        return new ArrayList<>(providers().values());
    }

    /** The provider called {@code name}, or an error listing the known names. */
    public static AlgorithmProvider get(String name) {
        AlgorithmProvider p = providers().get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: "
                    + String.join(", ", providers().keySet()));
        }
        return p;
    }

    /** The provider called {@code name}, or null. */
    public static AlgorithmProvider find(String name) {
        return providers().get(name);
    }

    /** The names of every algorithm on the class path, sorted. */
    public static java.util.Set<String> names() {
        return providers().keySet();
    }

    /** True when an algorithm of that name is on the class path. */
    public static boolean contains(String name) {
        return providers().containsKey(name);
    }

    /**
     * A trainer for {@code name} with {@code overrides} ({@code key=value} text, see
     * {@link Params#bind}) applied to its defaults.
     */
    public static Trainer<?> create(String name, Map<String, String> overrides) {
        AlgorithmProvider p = get(name);
        Record config = Params.bind(p.defaultConfig(), overrides == null ? Map.of() : overrides, name);
        return p.trainer(config);
    }

    /** A trainer for {@code name} with its default configuration. */
    public static Trainer<?> create(String name) {
        return create(name, Map.of());
    }

    /**
     * Refuses training data an algorithm cannot learn from: implicit feedback ({@link Dataset#isImplicit()})
     * for an algorithm whose provider declares {@link AlgorithmProvider.Capability#NEEDS_RATINGS}. Unknown
     * names pass (the registry reports them elsewhere).
     *
     * @throws IllegalArgumentException naming the algorithm, what it needs and the algorithms that fit
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
