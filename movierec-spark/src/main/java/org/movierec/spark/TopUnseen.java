package org.movierec.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.movierec.math.Kernels;
import org.movierec.rec.TopK;

/**
 * Each user's top {@code k} movies among those they did not rate, exact, as rows
 * {@code (user, rank, item, score)} with rank 1-based. The movie factors are collected once and
 * broadcast; each user's factor row travels with the list of movies they rated (one
 * {@code collect_list} per user), and every task scores its users in blocks against all movies with
 * core's batched kernel ({@link Kernels#gemmItemMajor}), masks the rated movies and keeps the best
 * {@code k} with core's {@link TopK}. Scores are {@code x_u . y_i} summed in core's {@code als} order
 * ({@link Kernels.Summation#SERIAL}), so they equal, bit for bit, what core computes for the exported
 * model; ties go to the lower movie id.
 *
 * <p>This replaces asking MLlib's {@code recommendForUserSubset} for {@code k} plus the most movies
 * any user rated and removing the rated ones afterwards: at ML-25M's shape that asks for thousands of
 * candidates per user (hundreds of millions of rows) and did not finish a stage in ten minutes.
 *
 * <p>Limits: the movie factors live once per executor (the broadcast) plus one item-major copy per
 * running task (59,000 movies at rank 64: 15 MB each); a block of scores per task is at most
 * {@value #MAX_BLOCK_FLOATS} floats.
 */
public final class TopUnseen {
    /** The output rows. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("score", DataTypes.FloatType, false);

    /** Users scored together per kernel call: at most 32, fewer when the catalogue is large. */
    static final int MAX_BLOCK = 32;
    static final int MAX_BLOCK_FLOATS = 1 << 22;

    private TopUnseen() {
    }

    /**
     * @param model ALS factors
     * @param users a column {@code user}: whose lists to make (users without factors get none); null for
     *              every user with factors
     * @param train rows {@code (user, item, ...)}: what each user rated, never recommended to them
     * @param k     the list length, at least 1
     */
    public static Dataset<Row> of(ALSModel model, Dataset<Row> users, Dataset<Row> train, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        ItemTable table = ItemTable.of(model.itemFactors().collectAsList(), model.rank());
        Dataset<Row> uf = model.userFactors();
        Broadcast<ItemTable> items = JavaSparkContext.fromSparkContext(uf.sparkSession().sparkContext())
                .broadcast(table);
        Dataset<Row> wanted = users == null ? uf
                : uf.join(users, uf.col("id").equalTo(users.col("user")), "left_semi");
        Dataset<Row> seen = train.groupBy("user").agg(collect_list("item").as("seen"));
        Dataset<Row> rows = wanted.join(seen, wanted.col("id").equalTo(seen.col("user")), "left")
                .select(wanted.col("id"), wanted.col("features"), seen.col("seen"));
        return rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Scorer(items.value(), k, it),
                Encoders.row(SCHEMA));
    }

    /** The movie factors in ascending id order, flat; what is broadcast. */
    static final class ItemTable implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[] ids;
        final float[] factors;
        final int rank;

        ItemTable(int[] ids, float[] factors, int rank) {
            this.ids = ids;
            this.factors = factors;
            this.rank = rank;
        }

        /** From {@code ALSModel.itemFactors()} rows {@code (id int, features array<float>)}. */
        static ItemTable of(List<Row> rows, int rank) {
            Row[] sorted = rows.toArray(new Row[0]);
            Arrays.sort(sorted, (a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
            int[] ids = new int[sorted.length];
            float[] f = new float[Math.multiplyExact(sorted.length, rank)];
            for (int i = 0; i < sorted.length; i++) {
                ids[i] = sorted[i].getInt(0);
                copyFactors(sorted[i], 1, rank, f, i * rank);
            }
            return new ItemTable(ids, f, rank);
        }
    }

    static void copyFactors(Row row, int field, int rank, float[] out, int at) {
        List<Float> v = row.getList(field);
        if (v.size() != rank) {
            throw new IllegalArgumentException("factor of id " + row.getInt(0) + " has " + v.size()
                    + " entries, expected rank " + rank);
        }
        for (int j = 0; j < rank; j++) {
            out[at + j] = v.get(j);
        }
    }

    /** One task's users, scored a block at a time; the rows of a block are handed out before the next. */
    static final class Scorer implements Iterator<Row> {
        private final ItemTable table;
        private final Iterator<Row> users;
        private final Kernels.ItemMajor itemMajor;
        private final int block;
        private final float[] userVecs;
        private final int[] userIds;
        private final List<?>[] seen;
        private final float[][] scores;
        private final TopK top;
        private final int[] outItems;
        private final float[] outScores;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();

        Scorer(ItemTable table, int k, Iterator<Row> users) {
            this.table = table;
            this.users = users;
            int n = table.ids.length;
            itemMajor = Kernels.ItemMajor.of(table.factors, 0, n, table.rank);
            block = Math.max(1, Math.min(MAX_BLOCK, MAX_BLOCK_FLOATS / Math.max(1, n)));
            userVecs = new float[block * table.rank];
            userIds = new int[block];
            seen = new List<?>[block];
            scores = new float[block][n];
            top = new TopK(k);
            outItems = new int[k];
            outScores = new float[k];
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && users.hasNext()) {
                nextBlock();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void nextBlock() {
            int rank = table.rank;
            int b = 0;
            while (b < block && users.hasNext()) {
                Row r = users.next();
                userIds[b] = r.getInt(0);
                copyFactors(r, 1, rank, userVecs, b * rank);
                seen[b] = r.isNullAt(2) ? List.of() : r.getList(2);
                b++;
            }
            Kernels.gemmItemMajor(Kernels.Summation.SERIAL, userVecs, 0, b, itemMajor, scores);
            for (int r = 0; r < b; r++) {
                float[] s = scores[r];
                for (Object id : seen[r]) {
                    int i = Arrays.binarySearch(table.ids, (Integer) id);
                    if (i >= 0) {
                        s[i] = Float.NEGATIVE_INFINITY;
                    }
                }
                int m = top.select(s, outItems, outScores);
                for (int j = 0; j < m; j++) {
                    ready.add(RowFactory.create(userIds[r], j + 1, table.ids[outItems[j]], outScores[j]));
                }
                seen[r] = null;
            }
        }
    }
}
