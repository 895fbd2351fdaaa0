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
        add("biased-mf", "biased matrix factorization (Funk/Koren SVD), SGD", p ->
                new BiasedMF(Params.bind(BiasedMF.Config.DEFAULTS, p)));
        add("svdpp", "SVD++: biased MF plus implicit feedback of the rated movies (Koren 2008), SGD", p ->
                new SvdPlusPlus(Params.bind(SvdPlusPlus.Config.DEFAULTS, p)));
        add("timesvdpp", "timeSVD++: SVD++ with time-binned item biases and user bias drift (Koren 2009)", p ->
                new TimeSvdPlusPlus(Params.bind(TimeSvdPlusPlus.Config.DEFAULTS, p)));
        add("als", "matrix factorization with biases for explicit ratings, weighted-lambda ALS (Zhou et al. 2008)", p ->
                new Als(Params.bind(Als.Config.DEFAULTS, p)));
        add("ials", "implicit-feedback ALS with conjugate gradient (Hu et al. 2008; Takacs et al. 2011)", p ->
                new ImplicitAls(Params.bind(ImplicitAls.Config.DEFAULTS, p)));
        add("bpr", "Bayesian personalized ranking matrix factorization, SGD (Rendle et al. 2009)", p ->
                new Bpr(Params.bind(Bpr.Config.DEFAULTS, p)));
        add("item-knn", "item kNN on baseline residuals, shrunk Pearson-baseline similarity (Koren 2010)", p ->
                new ItemKnn(Params.bind(ItemKnn.Config.DEFAULTS, p)));
        add("ease", "EASE closed-form item-item autoencoder (Steck 2019), optional EDLAE/DLAE dropout", p ->
                new Ease(Params.bind(Ease.Config.DEFAULTS, p)));
        add("fm", "factorization machine over user/movie ids and side features (Bayesian MCMC or SGD)", p ->
                new org.movierec.algo.fm.FactorizationMachine(
                        Params.bind(org.movierec.algo.fm.FactorizationMachine.Config.DEFAULTS, p)));
        add("blend", "ridge-regression blend of base rating predictors fit on held-out predictions", p ->
                new org.movierec.algo.blend.Blend(Params.bind(org.movierec.algo.blend.Blend.Config.DEFAULTS, p)));
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
        try {
            return e.factory().apply(params == null ? Map.of() : params);
        } catch (Params.ParamException pe) {
            // The factories bind without a name, so errors would name the record class ("Config").
            throw pe.withOwner("Config", name);
        }
    }

    public static Trainer<?> create(String name) {
        return create(name, Map.of());
    }

    public static List<Entry> all() {
        return List.copyOf(ENTRIES.values());
    }
}
