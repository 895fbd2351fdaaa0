package org.movierec.spark;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MovieLens rating files from any Hadoop-compatible path (file:, hdfs:, s3a:, gs:, ...) as a
 * DataFrame {@code (user int, item int, rating float)}: {@code *.csv} with a header
 * (ml-latest, ML-20M/25M/32M), {@code *.dat} with {@code ::} (ML-1M/10M), anything else
 * tab-separated (ML-100k {@code u.data}, {@code u1.base}, ...). A directory of ratings is read as
 * one table when it holds a {@code ratings.csv}, {@code ratings.dat} or {@code u.data}.
 */
public final class Ratings {
    private Ratings() {
    }

    public static Dataset<Row> read(SparkSession spark, String path) {
        StructType schema = new StructType()
                .add("user", DataTypes.IntegerType, false)
                .add("item", DataTypes.IntegerType, false)
                .add("rating", DataTypes.FloatType, false)
                .add("timestamp", DataTypes.LongType, true);
        var reader = spark.read().schema(schema).option("mode", "FAILFAST");
        Dataset<Row> df;
        if (path.endsWith(".csv")) {
            df = reader.option("header", "true").csv(path);
        } else if (path.endsWith(".dat")) {
            df = reader.option("sep", "::").csv(path);
        } else {
            df = reader.option("sep", "\t").csv(path);
        }
        return df.select(col("user"), col("item"), col("rating"));
    }
}
