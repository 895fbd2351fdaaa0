package org.movierec.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * RMSE, MAE and top-K ranking metrics computed by Spark, with core's definitions
 * ({@code org.movierec.eval.RankingMetrics}, {@code Evaluator}):
 * <ul>
 * <li>rating errors over the test ratings whose user and movie have factors, predictions clipped
 * to the rating scale when {@code clip} (core's default);</li>
 * <li>ranking: a user's candidates are all movies with factors minus those they rated in training
 * (lists from {@link TopUnseen});
 * relevant = test rating >= threshold; users with at least one relevant movie count; binary gains;
 * precision@K = hits / K, recall@K = hits / #relevant, NDCG@K = DCG / IDCG with 1/log2(rank+1)
 * discounts and IDCG over min(K, #relevant), hit rate; all averaged over users. Ties in score go to
 * the lower movie id.</li>
 * </ul>
 */
public final class DistributedMetrics {
    private DistributedMetrics() {
    }

    public static Map<String, Double> ratingErrors(ALSModel model, Dataset<Row> test, boolean clip, float min,
                                                   float max) {
        Dataset<Row> p = model.setColdStartStrategy("drop").transform(test);
        Column pred = clip ? least(greatest(col("prediction"), lit(min)), lit(max)) : col("prediction");
        Column err = pred.cast("double").minus(col("rating").cast("double"));
        Row r = p.agg(sqrt(avg(pow(err, 2))), avg(abs(err)), count(lit(1))).first();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("rmse", r.getDouble(0));
        out.put("mae", r.getDouble(1));
        out.put("n", (double) r.getLong(2));
        return out;
    }

    public static Map<String, Double> ranking(ALSModel model, Dataset<Row> train, Dataset<Row> test, int k,
                                              float threshold) {
        Dataset<Row> relevant = test.where(col("rating").geq(threshold)).select("user", "item");
        Dataset<Row> numRel = relevant.groupBy("user").agg(count(lit(1)).as("nrel"));
        Dataset<Row> top = TopUnseen.of(model, numRel.select("user"), train, k);
        Dataset<Row> hits = top.join(relevant, new String[] {"user", "item"})
                .groupBy("user").agg(count(lit(1)).as("hits"),
                        sum(lit(1.0).divide(log(2.0, col("rank").plus(1)))).as("dcg"));
        // IDCG for n relevant items at the top: sum_{i=1..min(k,n)} 1/log2(i+1), as a lookup by n.
        Column idcg = lit(0.0);
        double acc = 0;
        for (int i = 1; i <= k; i++) {
            acc += 1.0 / (Math.log(i + 1) / Math.log(2));
            idcg = when(least(col("nrel"), lit((long) k)).equalTo(i), lit(acc)).otherwise(idcg);
        }
        Dataset<Row> perUser = numRel.join(hits, new String[] {"user"}, "left").na().fill(0.0, new String[] {"dcg"})
                .na().fill(0L, new String[] {"hits"})
                .select(col("hits").divide((double) k).as("precision"),
                        col("hits").divide(col("nrel")).as("recall"),
                        col("dcg").divide(idcg).as("ndcg"),
                        when(col("hits").gt(0), 1.0).otherwise(0.0).as("hit_rate"));
        Row r = perUser.agg(avg("precision"), avg("recall"), avg("ndcg"), avg("hit_rate"), count(lit(1))).first();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("precision@" + k, r.getDouble(0));
        out.put("recall@" + k, r.getDouble(1));
        out.put("ndcg@" + k, r.getDouble(2));
        out.put("hit_rate@" + k, r.getDouble(3));
        out.put("users", (double) r.getLong(4));
        return out;
    }
}
