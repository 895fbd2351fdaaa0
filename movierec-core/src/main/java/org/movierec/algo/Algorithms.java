package org.movierec.algo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.movierec.model.Params;
import org.movierec.model.Trainer;

/**
 * The catalogue of algorithms by command-line name. Each entry builds a trainer from
 * {@code name=value} hyperparameter overrides (see {@link Params#bind}).
 */
public final class Algorithms {
    /** One algorithm: its name, a one-line description and a factory from overrides. */
    public record Entry(String name, String description, Function<Map<String, String>, Trainer<?>> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("global-mean", "mean training rating for everyone", p -> {
            Params.bind(new GlobalMean.Config(), p);
            return new GlobalMean();
        });
        add("bias", "regularized user + item biases (Koren's baseline), ALS", p ->
                new BiasBaseline(Params.bind(BiasBaseline.Config.DEFAULTS, p)));
        add("popularity", "most-rated movies first", p -> {
            Params.bind(new Popularity.Config(), p);
            return new Popularity();
        });
        add("als", "matrix factorization with biases for explicit ratings, weighted-lambda ALS (Zhou et al. 2008)", p ->
                new Als(Params.bind(Als.Config.DEFAULTS, p)));
        add("ials", "implicit-feedback ALS with conjugate gradient (Hu et al. 2008; Takacs et al. 2011)", p ->
                new ImplicitAls(Params.bind(ImplicitAls.Config.DEFAULTS, p)));
        add("bpr", "Bayesian personalized ranking matrix factorization, SGD (Rendle et al. 2009)", p ->
                new Bpr(Params.bind(Bpr.Config.DEFAULTS, p)));
    }

    private Algorithms() {
    }

    private static void add(String name, String description, Function<Map<String, String>, Trainer<?>> factory) {
        ENTRIES.put(name, new Entry(name, description, factory));
    }

    /** A trainer for {@code name} with the given overrides of its defaults. */
    public static Trainer<?> create(String name, Map<String, String> params) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
        }
        return e.factory().apply(params == null ? Map.of() : params);
    }

    public static Trainer<?> create(String name) {
        return create(name, Map.of());
    }

    public static List<Entry> all() {
        return List.copyOf(ENTRIES.values());
    }
}
