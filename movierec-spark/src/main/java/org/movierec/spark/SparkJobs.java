package org.movierec.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.movierec.data.io.DatasetReader;
import org.movierec.model.Model;
import org.movierec.split.Fold;
import org.movierec.split.Splits;

/**
 * The {@code spark-submit} entry point: {@code train-als}, {@code evaluate}, {@code recommend-all}.
 * Options are {@code --name value}; see {@link #usage()} and docs/SPARK.md.
 */
public final class SparkJobs {
    private SparkJobs() {
    }

    static String usage() {
        return String.join("\n",
                "usage: spark-submit --class org.movierec.spark.SparkJobs movierec-spark.jar JOB --option value ...",
                "  train-als     --ratings PATH --out DIR [--rank 10] [--iterations 10] [--reg 0.1] [--implicit]",
                "                [--alpha 1.0] [--seed 42] [--blocks N]",
                "                [--movierec-model FILE --movierec-data DIR [--movierec-split u1]]",
                "                writes DIR/als (Spark model), DIR/user-factors and DIR/item-factors (Parquet),",
                "                and with --movierec-model a movierec model file for 'movierec serve/recommend'",
                "  evaluate      --model DIR --train PATH --test PATH [--k 10] [--threshold 4] [--no-clip]",
                "                [--min 0.5] [--max 5]",
                "  recommend-all --model DIR --train PATH --out DIR [--k 10]   (Parquet: user, rank, item, score)");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(usage());
            return;
        }
        Map<String, String> o = options(args);
        try (SparkSession spark = SparkSession.builder().appName("movierec " + args[0]).getOrCreate()) {
            spark.sparkContext().setLogLevel(System.getProperty("movierec.spark.log", "WARN"));
            Map<String, ?> result = switch (args[0]) {
                case "train-als" -> trainAls(spark, o);
                case "evaluate" -> evaluate(spark, o);
                case "recommend-all" -> recommendAll(spark, o);
                default -> throw new IllegalArgumentException("unknown job '" + args[0]
                        + "': one of train-als, evaluate, recommend-all\n" + usage());
            };
            result.forEach((k, v) -> System.out.println(k + "\t" + v));
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected an option --name, got '" + a + "'\n" + usage());
            }
            String name = a.substring(2);
            if (name.equals("implicit") || name.equals("no-clip")) {
                o.put(name, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                o.put(name, args[++i]);
            }
        }
        return o;
    }

    static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name + "\n" + usage());
        }
        return v;
    }

    static int intOpt(Map<String, String> o, String name, int def, int min, int max) {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer in " + min + ".." + max + ", got '"
                    + v + "'");
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max + ", got " + x);
        }
        return x;
    }

    static double doubleOpt(Map<String, String> o, String name, double def) {
        String v = o.get(name);
        try {
            return v == null ? def : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    /** ALS as configured by the options (explicit, or implicit with --implicit). */
    static ALS als(Map<String, String> o) {
        ALS als = new ALS().setUserCol("user").setItemCol("item").setRatingCol("rating")
                .setRank(intOpt(o, "rank", 10, 1, 10_000))
                .setMaxIter(intOpt(o, "iterations", 10, 1, 10_000))
                .setRegParam(doubleOpt(o, "reg", 0.1))
                .setImplicitPrefs(o.containsKey("implicit"))
                .setAlpha(doubleOpt(o, "alpha", 1.0))
                .setSeed(intOpt(o, "seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE));
        if (o.containsKey("blocks")) {
            int b = intOpt(o, "blocks", 10, 1, 100_000);
            als.setNumUserBlocks(b).setNumItemBlocks(b);
        }
        return als;
    }

    static Map<String, Object> trainAls(SparkSession spark, Map<String, String> o) throws Exception {
        String out = required(o, "out");
        long r0 = System.nanoTime();
        Dataset<Row> ratings = Ratings.read(spark, required(o, "ratings")).cache();
        long count = ratings.count(); // reads and caches the file now, so that the fit time is the fit alone
        double readSeconds = (System.nanoTime() - r0) / 1e9;
        ALS als = als(o);
        long t0 = System.nanoTime();
        ALSModel model = als.fit(ratings);
        double seconds = (System.nanoTime() - t0) / 1e9;
        model.write().overwrite().save(out + "/als");
        model.userFactors().write().mode(SaveMode.Overwrite).parquet(out + "/user-factors");
        model.itemFactors().write().mode(SaveMode.Overwrite).parquet(out + "/item-factors");
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("ratings", count);
        res.put("read_seconds", readSeconds);
        res.put("train_seconds", seconds);
        res.put("seconds_per_iteration", seconds / als.getMaxIter());
        res.put("model", out + "/als");
        if (o.containsKey("movierec-model")) {
            Path file = Path.of(o.get("movierec-model"));
            Fold fold = movierecFold(o);
            Model m = ModelExport.toModel(model.userFactors().collectAsList(), model.itemFactors().collectAsList(),
                    model.rank(), fold.train(), params(als), als.getSeed(), o.getOrDefault("movierec-split", "all"),
                    seconds);
            ModelExport.save(m, fold.train(), file);
            res.put("movierec_model", file);
        }
        return res;
    }

    /** The training data movierec pairs with the factors: a dataset directory, whole or one split. */
    static Fold movierecFold(Map<String, String> o) throws java.io.IOException {
        Path dir = Path.of(required(o, "movierec-data"));
        String split = o.getOrDefault("movierec-split", "all");
        org.movierec.data.Dataset all = DatasetReader.read(dir);
        if (split.equals("all")) {
            return new Fold("all", all, null, all);
        }
        return Splits.parse(split, dir, 42).folds(all).get(0);
    }

    static Map<String, String> params(ALS als) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("engine", "spark-mllib-" + org.apache.spark.package$.MODULE$.SPARK_VERSION());
        p.put("rank", Integer.toString(als.getRank()));
        p.put("maxIter", Integer.toString(als.getMaxIter()));
        p.put("regParam", Double.toString(als.getRegParam()));
        p.put("implicitPrefs", Boolean.toString(als.getImplicitPrefs()));
        p.put("alpha", Double.toString(als.getAlpha()));
        return p;
    }

    static Map<String, Object> evaluate(SparkSession spark, Map<String, String> o) {
        ALSModel model = ALSModel.load(required(o, "model") + "/als");
        Dataset<Row> train = Ratings.read(spark, required(o, "train")).cache();
        Dataset<Row> test = Ratings.read(spark, required(o, "test")).cache();
        Map<String, Object> res = new LinkedHashMap<>();
        res.putAll(DistributedMetrics.ratingErrors(model, test, !o.containsKey("no-clip"),
                (float) doubleOpt(o, "min", 0.5), (float) doubleOpt(o, "max", 5)));
        res.putAll(DistributedMetrics.ranking(model, train, test, intOpt(o, "k", 10, 1, 10_000),
                (float) doubleOpt(o, "threshold", 4)));
        return res;
    }

    static Map<String, Object> recommendAll(SparkSession spark, Map<String, String> o) {
        ALSModel model = ALSModel.load(required(o, "model") + "/als");
        Dataset<Row> train = Ratings.read(spark, required(o, "train"));
        int k = intOpt(o, "k", 10, 1, 10_000);
        String out = required(o, "out");
        long t0 = System.nanoTime();
        TopUnseen.of(model, null, train, k)
                .write().mode(SaveMode.Overwrite).parquet(out);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("seconds", (System.nanoTime() - t0) / 1e9);
        res.put("recommendations", out);
        return res;
    }
}
