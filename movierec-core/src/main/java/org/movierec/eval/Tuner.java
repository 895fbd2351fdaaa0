package org.movierec.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.model.Model;
import org.movierec.model.Params;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.split.Fold;
import org.movierec.split.HoldOut;
import org.movierec.util.ProgressListener;

/**
 * Hyperparameter search (grid or random) for one algorithm, chosen on VALIDATION data only.
 *
 * <p>For every fold, the part that scores a candidate is the fold's validation part when the split
 * has one (temporal leave-one-out), else a seeded {@link Config#validationFraction} of each user's
 * training ratings ({@link HoldOut#perUser}); the candidate is trained on the rest of the training
 * part, without a validation set, and scored by an {@link Evaluator} on that part. The fold's test
 * part is never given to a trainer or a model: {@link #validationFolds} builds folds without it, and
 * {@link #run} sees nothing else. Scores are averaged over folds; the best candidate has the best
 * mean of the first metric (lowest for error metrics, highest otherwise), the earliest candidate on
 * a tie.
 *
 * <p>Candidates: the grid is the Cartesian product of the listed values, in the order given (the
 * last key varies fastest). Random search draws {@link Config#trials} distinct grid points with a
 * seeded generator (all of them, in grid order, when the grid is not larger).
 */
public final class Tuner {
    /** How candidates are chosen. */
    public enum Search {
        /** Every point of the grid, in grid order. */
        GRID,
        /** {@link Config#trials} distinct grid points drawn with the seed. */
        RANDOM
    }

    /** Builds a trainer from {@code key=value} overrides (the registry, or a fake in tests). */
    @FunctionalInterface
    public interface TrainerFactory {
        /**
         * A trainer for one candidate.
         *
         * @param params the candidate's full overrides (fixed plus searched), key to value text
         * @return a new trainer
         * @throws IllegalArgumentException naming a bad key or value
         */
        Trainer<?> create(Map<String, String> params);
    }

    /**
     * @param search             grid or random
     * @param trials             candidates drawn by random search (ignored by grid search)
     * @param seed               seed of random search, of the carved validation part and of trainers with a
     *                           {@code seed} the search does not set
     * @param metrics            what is measured; the first one chooses
     * @param validationFraction share of each user's training ratings held out when a fold has no validation
     */
    public record Config(Search search, int trials, long seed, List<MetricSpec> metrics, double validationFraction) {
        /**
         * Checks the settings; the metrics are copied.
         *
         * @param search             grid or random, not null
         * @param trials             candidates drawn by random search, at least 1 for random search
         * @param seed               seed of random search, of the carved validation part and of trainers
         * @param metrics            at least one; ranking metrics must share one cut-off
         * @param validationFraction strictly between 0 and 1
         * @throws IllegalArgumentException naming the value out of range
         */
        public Config {
            Objects.requireNonNull(search, "search");
            if (metrics == null || metrics.isEmpty()) {
                throw new IllegalArgumentException("tuning needs at least one metric");
            }
            metrics = List.copyOf(metrics);
            if (search == Search.RANDOM && trials < 1) {
                throw new IllegalArgumentException("random search needs trials >= 1, got " + trials);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
            }
            int k = 0;
            for (MetricSpec m : metrics) {
                if (m.k() > 0) {
                    if (k != 0 && k != m.k()) {
                        throw new IllegalArgumentException("ranking metrics must share one cut-off, got @" + k
                                + " and @" + m.k());
                    }
                    k = m.k();
                }
            }
        }
    }

    /** One candidate: its overrides and the mean and standard deviation of every metric over folds. */
    public record Trial(int index, Map<String, String> params, Map<String, Double> mean, Map<String, Double> std) {
        /**
         * A trial; the maps are copied.
         *
         * @param index  0-based position in the run order
         * @param params the candidate's full overrides
         * @param mean   metric name to its mean over the folds
         * @param std    metric name to its sample standard deviation over the folds
         */
        public Trial {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            mean = Collections.unmodifiableMap(new LinkedHashMap<>(mean));
            std = Collections.unmodifiableMap(new LinkedHashMap<>(std));
        }
    }

    /**
     * Every trial in the order run, the chosen one, and what the choice was made on.
     *
     * @param algorithm  the algorithm tuned
     * @param metric     the metric the best trial was chosen by
     * @param validation one line per fold describing the part that scored the candidates (the split's
     *                   validation part, or the held-out share of each user's training ratings and its seed)
     * @param trials     every trial, in the order run
     * @param best       the chosen trial, one of {@code trials}
     */
    public record Result(String algorithm, MetricSpec metric, List<String> validation, List<Trial> trials,
                         Trial best) {
    }

    private final String algorithm;
    private final Map<String, String> fixed;
    private final Map<String, List<String>> space;
    private final Config config;
    private final TrainerFactory factory;

    /**
     * A search; every candidate's trainer is built once at once, so a bad key or value fails before training.
     *
     * @param algorithm the algorithm's name, for messages
     * @param fixed   overrides every candidate shares
     * @param space   key -> candidate values (text, as for {@code --param}); keys in declaration order
     * @param factory builds a trainer from a candidate's overrides; it is asked once per candidate up
     *                front, so a bad key or value fails before any training
     * @param config  the search's settings
     * @throws IllegalArgumentException naming a parameter with no values, given both fixed and searched, or
     *                                  with a bad value; or a grid too large for grid search
     */
    public Tuner(String algorithm, Map<String, String> fixed, Map<String, List<String>> space, Config config,
                 TrainerFactory factory) {
        this.algorithm = algorithm;
        this.fixed = new LinkedHashMap<>(fixed == null ? Map.of() : fixed);
        this.space = new LinkedHashMap<>();
        space.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("parameter " + algorithm + "." + k + " has no values to try");
            }
            if (this.fixed.containsKey(k)) {
                throw new IllegalArgumentException("parameter " + algorithm + "." + k + " is given both fixed and "
                        + "as values to try");
            }
            this.space.put(k, List.copyOf(v));
        });
        this.config = config;
        this.factory = factory;
        for (Map<String, String> c : candidates()) {
            factory.create(c);
        }
    }

    /**
     * The size of the full grid.
     *
     * @return the product of the numbers of values (saturates at {@link Long#MAX_VALUE})
     */
    public long gridSize() {
        long n = 1;
        for (List<String> v : space.values()) {
            try {
                n = Math.multiplyExact(n, v.size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /**
     * The candidates' full overrides (fixed plus searched), in the order they run.
     *
     * @return a new list; the same for the same config and seed
     * @throws IllegalArgumentException when grid search is asked for a grid of more than 100,000 points
     */
    public List<Map<String, String>> candidates() {
        List<String> keys = new ArrayList<>(space.keySet());
        long grid = gridSize();
        List<long[]> points = new ArrayList<>();
        if (config.search() == Search.GRID || grid <= config.trials()) {
            if (grid > 100_000) {
                throw new IllegalArgumentException("the grid has " + grid + " candidates; use --search random "
                        + "--trials N");
            }
            for (long g = 0; g < grid; g++) {
                points.add(new long[] {g});
            }
        } else {
            SplittableRandom rnd = new SplittableRandom(config.seed());
            Set<List<Integer>> seen = new LinkedHashSet<>();
            while (seen.size() < config.trials()) {
                List<Integer> p = new ArrayList<>();
                for (String k : keys) {
                    p.add(rnd.nextInt(space.get(k).size()));
                }
                seen.add(p);
            }
            List<Map<String, String>> out = new ArrayList<>();
            for (List<Integer> p : seen) {
                Map<String, String> c = new LinkedHashMap<>(fixed);
                for (int j = 0; j < keys.size(); j++) {
                    c.put(keys.get(j), space.get(keys.get(j)).get(p.get(j)));
                }
                out.add(c);
            }
            return out;
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (long[] p : points) {
            long g = p[0];
            String[] vals = new String[keys.size()];
            for (int j = keys.size() - 1; j >= 0; j--) {
                List<String> v = space.get(keys.get(j));
                vals[j] = v.get((int) (g % v.size()));
                g /= v.size();
            }
            Map<String, String> c = new LinkedHashMap<>(fixed);
            for (int j = 0; j < keys.size(); j++) {
                c.put(keys.get(j), vals[j]);
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The folds a search scores on: for each fold, its training part (less the carved validation
     * ratings when it has no validation part) and, in place of a test part, its validation part.
     * The returned folds hold no test ratings.
     *
     * @param folds    the split's folds
     * @param fraction share of each user's training ratings carved out when a fold has no validation part
     * @param seed     the carving's seed
     * @return one validation fold per fold, in order
     */
    public static List<Fold> validationFolds(List<Fold> folds, double fraction, long seed) {
        List<Fold> out = new ArrayList<>();
        for (Fold f : folds) {
            if (f.validation() != null && f.validation().interactions().size() > 0) {
                out.add(new Fold(f.name() + "/validation", f.train(), null, f.validation()));
            } else {
                Dataset[] parts = HoldOut.perUser(f.train(), fraction, seed, "-tune-fit", "-tune-validation");
                out.add(new Fold(f.name() + "/carved-validation", parts[0], null, parts[1]));
            }
        }
        return out;
    }

    /**
     * Checks that the metrics and the algorithm suit {@code train} (a rating metric or an algorithm that
     * needs ratings on implicit feedback is refused), so that a caller can fail before any output;
     * {@link #run} checks it too.
     *
     * @param train the training data (of the first fold)
     * @throws IllegalArgumentException naming the metric or the algorithm and what to choose instead
     */
    public void checkData(org.movierec.data.Dataset train) {
        if (train.isImplicit()) {
            for (MetricSpec m : config.metrics()) {
                if (MetricSpec.RATING.contains(m.name())) {
                    throw new IllegalArgumentException("metric " + m.label() + " needs explicit ratings, but "
                            + train.name() + " holds implicit feedback; choose a ranking metric such "
                            + "as ndcg@10, recall@10 or map@10");
                }
            }
            org.movierec.model.AlgorithmRegistry.checkData(algorithm, train);
        }
    }

    /**
     * Runs every candidate on the validation folds of {@code folds} (see {@link #validationFolds}).
     *
     * @param folds    the split's folds (their test parts are never used)
     * @param progress receives training and evaluation progress
     * @return every trial in run order and the best one
     */
    public Result run(List<Fold> folds, ProgressListener progress) {
        if (!folds.isEmpty()) {
            checkData(folds.get(0).train());
        }
        List<Fold> valid = validationFolds(folds, config.validationFraction(), config.seed());
        List<String> described = new ArrayList<>();
        for (int f = 0; f < valid.size(); f++) {
            described.add(valid.get(f).name() + " (" + (folds.get(f).hasValidation() ? "the split's validation part"
                    : String.format(Locale.ROOT, "%.0f%% of each user's training ratings, seed %d",
                    100 * config.validationFraction(), config.seed())) + ")");
        }
        return score(valid, described, progress);
    }

    /** Runs every candidate on folds whose test part IS the validation data (no test data here). */
    Result score(List<Fold> valid, List<String> described, ProgressListener progress) {
        int k = 10;
        for (MetricSpec m : config.metrics()) {
            if (m.k() > 0) {
                k = m.k();
            }
        }
        Evaluator evaluator = new Evaluator(Evaluator.Config.DEFAULTS.withK(k).withTopKAccuracyKs());
        List<Map<String, String>> cands = candidates();
        List<Trial> trials = new ArrayList<>();
        MetricSpec chooser = config.metrics().get(0);
        Trial best = null;
        for (int c = 0; c < cands.size(); c++) {
            Map<String, String> params = cands.get(c);
            Map<String, String> seeded = withSeed(params);
            double[][] values = new double[config.metrics().size()][valid.size()];
            for (int f = 0; f < valid.size(); f++) {
                Fold fold = valid.get(f);
                progress.message("tune " + algorithm + " " + (c + 1) + "/" + cands.size() + " on " + fold.name());
                Trainer<?> trainer = factory.create(seeded);
                Model model = Training.fit(trainer, fold.train(), null, "tune/" + fold.name(), progress);
                Evaluator.Result r = evaluator.evaluate(model, fold, progress);
                for (int m = 0; m < config.metrics().size(); m++) {
                    MetricSpec spec = config.metrics().get(m);
                    Double v = r.metrics().get(spec.label());
                    if (v == null) {
                        throw new IllegalArgumentException(algorithm + " does not report " + spec.label()
                                + " (it measures " + String.join(", ", r.metrics().keySet()) + ")");
                    }
                    values[m][f] = v;
                }
            }
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            for (int m = 0; m < config.metrics().size(); m++) {
                double s = 0;
                for (double v : values[m]) {
                    s += v;
                }
                double mu = s / valid.size();
                double ss = 0;
                for (double v : values[m]) {
                    ss += (v - mu) * (v - mu);
                }
                mean.put(config.metrics().get(m).label(), mu);
                std.put(config.metrics().get(m).label(), valid.size() > 1 ? Math.sqrt(ss / (valid.size() - 1)) : 0);
            }
            Trial t = new Trial(c + 1, params, mean, std);
            trials.add(t);
            if (best == null || chooser.better(mean.get(chooser.label()), best.mean().get(chooser.label()))) {
                best = t;
            }
        }
        return new Result(algorithm, chooser, described, trials, best);
    }

    /** Adds {@code seed=S} when the algorithm's config has a seed the candidate does not set. */
    private Map<String, String> withSeed(Map<String, String> params) {
        if (params.containsKey("seed") || !Params.toMap(factory.create(params).config()).containsKey("seed")) {
            return params;
        }
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("seed", Long.toString(config.seed()));
        return p;
    }
}
