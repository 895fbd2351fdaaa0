package org.movierec.algo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.Interactions;
import org.movierec.math.Cholesky;
import org.movierec.math.Kernels;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.SimilarItems;

/**
 * A latent-factor model, the one type that every factor model of movierec produces (BiasedMF,
 * SVD++, timeSVD++, ALS, implicit ALS, BPR) and that other modules (Spark ALS, neural embeddings)
 * build with the public factories, so that the server serves all of them with one code path:
 * <pre>
 *   score(u, i) = mu + b_u + b_i + (p_u + z_u) . q_i        z_u = |N(u)|^-1/2 sum_{j in N(u)} y_j
 * </pre>
 * where the biases {@code b_u}, {@code b_i} are optional (absent = 0) and the implicit part
 * ({@code y}, and each user's {@code z_u} computed at training time) is optional too (SVD++). The
 * user side {@code p_u + z_u} is summed once at construction, so scoring costs one k-dot per item
 * like plain MF. Factor matrices are flat row-major {@code float[rows * k]}.
 *
 * <p>What varies between algorithms is small and explicit: the {@link Summation} order of the dot
 * product (fixed per model type so that saved files score bit for bit as when they were written),
 * the {@link FoldInRule} that solves a new user's vector, the payload {@link Layout} (each type keeps
 * the byte layout of its v1 files), and whether the scores are ratings ({@link RatingFactorModel}).
 * Time-dependent terms live in a subclass ({@link TimeSvdPlusPlus.Model}) through the protected
 * hooks {@link #userBase}, {@link #addItemTerms} and {@link #foldInItemBias}.
 *
 * <p>Immutable and thread-safe: the arrays are never written after construction.
 */
public class FactorModel implements Model, ItemScorer, SimilarItems, FoldIn {
    /** The parameters, as flat arrays (see the class comment), plus named algorithm-specific extras. */
    public record Parts(int k, float mean, float[] userBias, float[] itemBias, float[] p, float[] q, float[] y,
                        float[] z, Map<String, Object> extras) {
        public Parts {
            extras = extras == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        }

        /** Plain MF: no implicit part, no extras. */
        public Parts(int k, float mean, float[] userBias, float[] itemBias, float[] p, float[] q) {
            this(k, mean, userBias, itemBias, p, q, null, null, null);
        }

        /** The same parts with extra {@code name = value} ({@code Integer, Long, Float, Boolean, float[], double[]}). */
        public Parts with(String name, Object value) {
            Map<String, Object> e = new LinkedHashMap<>(extras);
            e.put(name, value);
            return new Parts(k, mean, userBias, itemBias, p, q, y, z, e);
        }

        int numItems() {
            return q.length / k;
        }

        int numUsers() {
            return p.length / k;
        }

        /** Throws an IllegalArgumentException naming the first inconsistent length. */
        void check() {
            if (k < 1) {
                throw new IllegalArgumentException("k=" + k + " must be >= 1");
            }
            if (p == null || q == null) {
                throw new IllegalArgumentException("user factors p and item factors q are required");
            }
            if (p.length % k != 0 || q.length % k != 0) {
                throw new IllegalArgumentException("factor lengths " + p.length + " (users) and " + q.length
                        + " (items) must be multiples of k=" + k);
            }
            if (userBias != null && userBias.length != numUsers()) {
                throw new IllegalArgumentException(userBias.length + " user biases for " + numUsers() + " users");
            }
            if (itemBias != null && itemBias.length != numItems()) {
                throw new IllegalArgumentException(itemBias.length + " item biases for " + numItems() + " items");
            }
            if ((y == null) != (z == null)) {
                throw new IllegalArgumentException("the implicit part needs both y and z");
            }
            if (y != null && (y.length != q.length || z.length != p.length)) {
                throw new IllegalArgumentException("implicit part: " + y.length + " y entries for " + q.length
                        + " item factors, " + z.length + " z entries for " + p.length + " user factors");
            }
        }
    }

    /** One field of a payload: a part of the model, or a named extra of a given type. */
    public record Field(Kind kind, String name) {
        /** What a field holds. The first eight are {@link Parts} components; the rest are extras. */
        public enum Kind { K, MEAN, USER_BIAS, ITEM_BIAS, P, Q, Y, Z, INT, LONG, FLOAT, BOOLEAN, FLOATS, DOUBLES }

        public static final Field K = new Field(Kind.K, "k");
        public static final Field MEAN = new Field(Kind.MEAN, "mean");
        public static final Field USER_BIAS = new Field(Kind.USER_BIAS, "userBias");
        public static final Field ITEM_BIAS = new Field(Kind.ITEM_BIAS, "itemBias");
        public static final Field P = new Field(Kind.P, "p");
        public static final Field Q = new Field(Kind.Q, "q");
        public static final Field Y = new Field(Kind.Y, "y");
        public static final Field Z = new Field(Kind.Z, "z");

        public static Field intExtra(String name) {
            return new Field(Kind.INT, name);
        }

        public static Field longExtra(String name) {
            return new Field(Kind.LONG, name);
        }

        public static Field floatExtra(String name) {
            return new Field(Kind.FLOAT, name);
        }

        public static Field booleanExtra(String name) {
            return new Field(Kind.BOOLEAN, name);
        }

        public static Field floatsExtra(String name) {
            return new Field(Kind.FLOATS, name);
        }

        public static Field doublesExtra(String name) {
            return new Field(Kind.DOUBLES, name);
        }

        boolean isExtra() {
            return kind.ordinal() >= Kind.INT.ordinal();
        }

        /*
         * equals and hashCode written out: a record's own are linked through invokedynamic on first use,
         * which spun about twenty method-handle classes when the layouts below are built, at every start
         * of a command that loads this class (BENCHMARKS.md, "Start-up without the record bootstrap").
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && kind == f.kind && name.equals(f.name);
        }

        @Override
        public int hashCode() {
            return 31 * kind.hashCode() + name.hashCode();
        }

        Class<?> extraType() {
            return switch (kind) {
                case INT -> Integer.class;
                case LONG -> Long.class;
                case FLOAT -> Float.class;
                case BOOLEAN -> Boolean.class;
                case FLOATS -> float[].class;
                case DOUBLES -> double[].class;
                default -> throw new IllegalStateException(kind + " is not an extra");
            };
        }
    }

    /**
     * The fields of a payload in file order: one description that both {@link #writePayload} and
     * {@link #readParts} follow, so that no model type has its own read and write code. Scalars are
     * big-endian {@link DataOutputStream} values, arrays {@link ModelIO#writeFloats} /
     * {@link ModelIO#writeDoubles}.
     */
    public record Layout(List<Field> fields) {
        public Layout {
            fields = List.copyOf(fields);
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Field f : fields) {
                if (!names.add(f.name())) {
                    throw new IllegalArgumentException("payload layout names '" + f.name() + "' twice");
                }
            }
            if (!fields.contains(Field.K) || !fields.contains(Field.P) || !fields.contains(Field.Q)) {
                throw new IllegalArgumentException("a payload layout needs k, p and q: " + fields);
            }
            if (fields.contains(Field.Y) != fields.contains(Field.Z)) {
                throw new IllegalArgumentException("a payload layout has both y and z or neither: " + fields);
            }
            if (fields.indexOf(Field.K) > fields.indexOf(Field.P) || fields.indexOf(Field.K) > fields.indexOf(Field.Q)) {
                throw new IllegalArgumentException("a payload layout has k before the factors: " + fields);
            }
        }

        public static Layout of(Field... fields) {
            return new Layout(List.of(fields));
        }

        boolean has(Field f) {
            return fields.contains(f);
        }
    }

    /**
     * Folds in a user from their ratings against the fixed item parameters of {@code model}.
     * Implementations are stateless or immutable (they are shared by threads).
     */
    @FunctionalInterface
    public interface FoldInRule {
        /**
         * @param items   the rated items (checked to be in range)
         * @param ratings parallel to {@code items}
         * @param vec     receives the user side of the dot product (length k)
         * @return the user bias {@code b_u} (0 for a model without user biases)
         */
        float solve(FactorModel model, int[] items, float[] ratings, float[] vec);
    }

    /** The payload of biased-mf v1 (and of any plain biased MF): regularization, biases, p, q. */
    public static final Layout BIASED = Layout.of(Field.K, Field.MEAN, Field.floatExtra("regFactor"),
            Field.USER_BIAS, Field.ITEM_BIAS, Field.P, Field.Q);

    /** The payload of svdpp v1: {@link #BIASED} plus the implicit part {@code y} and the users' {@code z}. */
    public static final Layout IMPLICIT = Layout.of(Field.K, Field.MEAN, Field.floatExtra("regFactor"),
            Field.USER_BIAS, Field.ITEM_BIAS, Field.P, Field.Q, Field.Y, Field.Z);

    /** Shrinkage (in ratings) of a folded-in user's bias toward 0, see {@link #RIDGE}. */
    static final float FOLD_IN_BIAS_SHRINK = 5f;

    /**
     * Ridge fold-in for models trained on squared error (extra {@code regFactor} required): the implicit
     * part {@code z = |N|^-1/2 sum y_j} over the rated items (when the model has one), the bias
     * {@code b_u = sum (r - mu - b_i) / (FOLD_IN_BIAS_SHRINK + n)} (when it has user biases), then
     * {@code p_u} by ridge regression of the residuals {@code r - mu - b_u - b_i - q_i.z} on the fixed
     * {@code q_i} with penalty {@code regFactor * n + 1} (the training penalty summed over the user's n
     * ratings, plus 1 so that a user with one rating stays bounded). The user side is {@code p_u + z}.
     */
    public static final FoldInRule RIDGE = FactorModel::ridgeFoldIn;

    private final String type;
    private final Provenance provenance;
    private final Layout layout;
    private final Summation summation;
    /** {@code Q} transposed for {@link #scoreBlock}, built on first use (a benign race: any copy is equal). */
    private volatile Kernels.ItemMajor qt;
    /** {@link #projectedBounds}: null until built, then the bounds or {@link #NO_BOUNDS}. */
    private volatile Object bounds;
    private final FoldInRule foldIn;
    final Parts parts;
    final int k;
    final float mean;
    final float[] userBias;
    final float[] itemBias;
    final float[] q;
    final float[] y;
    final int numUsers;
    final int numItems;
    /** {@code p_u + z_u} per user (p itself without an implicit part). */
    private final float[] userVec;
    private final float[] itemNorms;

    /**
     * @param type      the model type key (written in model files; the provider of that name reads it)
     * @param summation the dot product order of {@link #score} and {@link #scoreAll}
     * @param layout    the payload layout; it must hold exactly the parts that are present and every
     *                  extra it names
     */
    protected FactorModel(String type, Provenance provenance, Parts parts, Layout layout, Summation summation,
                          FoldInRule foldIn) {
        parts.check();
        checkLayout(parts, layout);
        this.type = type;
        this.provenance = provenance;
        this.layout = layout;
        this.summation = summation;
        this.foldIn = foldIn;
        this.parts = parts;
        this.k = parts.k();
        this.mean = parts.mean();
        this.userBias = parts.userBias();
        this.itemBias = parts.itemBias();
        this.q = parts.q();
        this.y = parts.y();
        this.numUsers = parts.numUsers();
        this.numItems = parts.numItems();
        this.userVec = y == null ? parts.p() : Kernels.add(parts.p(), parts.z());
        this.itemNorms = Kernels.rowNorms(q, k);
    }

    private static void checkLayout(Parts parts, Layout layout) {
        if (parts.mean() != 0 && !layout.has(Field.MEAN)) {
            throw new IllegalArgumentException("payload layout lacks the mean but the model's is " + parts.mean());
        }
        Object[] present = {parts.userBias(), parts.itemBias(), parts.y()};
        Field[] fields = {Field.USER_BIAS, Field.ITEM_BIAS, Field.Y};
        for (int x = 0; x < fields.length; x++) {
            if ((present[x] != null) != layout.has(fields[x])) {
                throw new IllegalArgumentException("payload layout " + (layout.has(fields[x]) ? "names " : "lacks ")
                        + fields[x].name() + " but the model " + (present[x] != null ? "has it" : "has none"));
            }
        }
        for (Field f : layout.fields()) {
            if (f.isExtra() && !f.extraType().isInstance(parts.extras().get(f.name()))) {
                throw new IllegalArgumentException("payload extra '" + f.name() + "' must be a "
                        + f.extraType().getSimpleName() + ", got " + parts.extras().get(f.name()));
            }
        }
    }

    // ---------------------------------------------------------------- factories

    /**
     * A factor model of any shape: {@code predictsRatings} makes it a {@link RatingFactorModel} (scores
     * are ratings, for RMSE) rather than a ranker.
     */
    public static FactorModel of(String type, Provenance provenance, Parts parts, Layout layout, Summation summation,
                                 FoldInRule foldIn, boolean predictsRatings) {
        return predictsRatings ? new RatingFactorModel(type, provenance, parts, layout, summation, foldIn)
                : new FactorModel(type, provenance, parts, layout, summation, foldIn);
    }

    /**
     * Biased MF predicting ratings ({@code mu + b_u + b_i + p_u.q_i}), saved in the {@link #BIASED}
     * layout, scored in {@link Summation#LANES} order, with {@link #RIDGE} fold-in. For a model
     * without biases pass zeros.
     */
    public static RatingFactorModel biased(String type, Provenance provenance, int k, float mean, float[] userBias,
                                           float[] itemBias, float[] p, float[] q, float regFactor) {
        Parts parts = new Parts(k, mean, userBias, itemBias, p, q).with("regFactor", regFactor);
        return new RatingFactorModel(type, provenance, parts, BIASED, Summation.LANES, RIDGE);
    }

    /**
     * SVD++-shaped: {@link #biased} plus the implicit part {@code y} (items) and {@code z} (each user's
     * {@code |N(u)|^-1/2 sum y_j}), saved in the {@link #IMPLICIT} layout.
     */
    public static RatingFactorModel implicit(String type, Provenance provenance, int k, float mean,
                                             float[] userBias, float[] itemBias, float[] p, float[] q, float[] y,
                                             float[] z, float regFactor) {
        Parts parts = new Parts(k, mean, userBias, itemBias, p, q, y, z, Map.of("regFactor", regFactor));
        return new RatingFactorModel(type, provenance, parts, IMPLICIT, Summation.LANES, RIDGE);
    }

    /**
     * Reads a payload written in the {@link #BIASED} or {@link #IMPLICIT} layout by {@link #biased} or
     * {@link #implicit} (for a provider's {@code read}).
     */
    public static RatingFactorModel read(DataInputStream in, Provenance provenance, String type, Layout layout)
            throws IOException {
        if (!layout.equals(BIASED) && !layout.equals(IMPLICIT)) {
            throw new IllegalArgumentException("read() takes the BIASED or IMPLICIT layout; use readParts");
        }
        return new RatingFactorModel(type, provenance, readParts(in, type, layout), layout, Summation.LANES, RIDGE);
    }

    /** Reads the fields of {@code layout}; the parts are checked for consistent lengths. */
    public static Parts readParts(DataInputStream in, String type, Layout layout) throws IOException {
        int k = 0;
        float mean = 0;
        float[][] a = new float[Field.Kind.Z.ordinal() + 1][];
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Field f : layout.fields()) {
            switch (f.kind()) {
                case K -> k = in.readInt();
                case MEAN -> mean = in.readFloat();
                case USER_BIAS, ITEM_BIAS, P, Q, Y, Z -> a[f.kind().ordinal()] = ModelIO.readFloats(in);
                case INT -> extras.put(f.name(), in.readInt());
                case LONG -> extras.put(f.name(), in.readLong());
                case FLOAT -> extras.put(f.name(), in.readFloat());
                case BOOLEAN -> extras.put(f.name(), in.readBoolean());
                case FLOATS -> extras.put(f.name(), ModelIO.readFloats(in));
                case DOUBLES -> extras.put(f.name(), ModelIO.readDoubles(in));
                default -> throw new IllegalStateException(f.toString());
            }
        }
        Parts parts = new Parts(k, mean, a[Field.Kind.USER_BIAS.ordinal()], a[Field.Kind.ITEM_BIAS.ordinal()],
                a[Field.Kind.P.ordinal()], a[Field.Kind.Q.ordinal()], a[Field.Kind.Y.ordinal()],
                a[Field.Kind.Z.ordinal()], extras);
        try {
            parts.check();
        } catch (IllegalArgumentException e) {
            throw new IOException(type + " payload is inconsistent: " + e.getMessage(), e);
        }
        return parts;
    }

    // ---------------------------------------------------------------- Model

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The same model with another provenance (shares every array; the fold-in rule is kept). */
    @Override
    public FactorModel withProvenance(Provenance pr) {
        return new FactorModel(type, pr, parts, layout, summation, foldIn);
    }

    /** The payload layout this model is written in. */
    protected final Layout layout() {
        return layout;
    }

    /** The fold-in rule of this model. */
    protected final FoldInRule foldInRule() {
        return foldIn;
    }

    @Override
    public String type() {
        return type;
    }

    /** Writes the fields of this model's {@link Layout}, in order. */
    @Override
    public void writePayload(DataOutputStream out) throws IOException {
        for (Field f : layout.fields()) {
            Object extra = parts.extras().get(f.name());
            switch (f.kind()) {
                case K -> out.writeInt(k);
                case MEAN -> out.writeFloat(mean);
                case USER_BIAS -> ModelIO.writeFloats(out, userBias);
                case ITEM_BIAS -> ModelIO.writeFloats(out, itemBias);
                case P -> ModelIO.writeFloats(out, parts.p());
                case Q -> ModelIO.writeFloats(out, q);
                case Y -> ModelIO.writeFloats(out, y);
                case Z -> ModelIO.writeFloats(out, parts.z());
                case INT -> out.writeInt((Integer) extra);
                case LONG -> out.writeLong((Long) extra);
                case FLOAT -> out.writeFloat((Float) extra);
                case BOOLEAN -> out.writeBoolean((Boolean) extra);
                case FLOATS -> ModelIO.writeFloats(out, (float[]) extra);
                case DOUBLES -> ModelIO.writeDoubles(out, (double[]) extra);
                default -> throw new IllegalStateException(f.toString());
            }
        }
    }

    // ---------------------------------------------------------------- scoring

    /**
     * {@code mu + b_u + b_i + (p_u + z_u).q_i}, summed left to right; a user or item outside the model
     * contributes no terms (an unknown user gets {@code mu + b_i}).
     */
    public float score(int user, int item) {
        boolean knownUser = user >= 0 && user < numUsers;
        boolean knownItem = item >= 0 && item < numItems;
        float s = mean;
        if (knownUser && userBias != null) {
            s += userBias[user];
        }
        if (knownItem && itemBias != null) {
            s += itemBias[item];
        }
        if (knownUser && knownItem) {
            s += userDot(user, item);
        }
        return s;
    }

    /** {@code (p_u + z_u).q_i} in this model's {@link Summation} order. */
    protected final float userDot(int user, int item) {
        return Kernels.dot(summation, userVec, user * k, q, item * k, k);
    }

    /** Every item's score: {@link Kernels#gemmItemMajor} of one row over {@code Q}, then the bias terms. */
    @Override
    public void scoreAll(int user, float[] out) {
        scoreVector(userBase(user), userVec, user * k, out);
    }

    /**
     * Every item's score for the users {@code from .. to-1}, each row bit for bit what
     * {@link #scoreAll} gives: the dot products come from one {@link Kernels#gemmItemMajor} over
     * the item factors stored item-major (built on first use and kept: one more copy of {@code Q}), in
     * this model's {@link Summation} order, then the same bias terms. Users outside the model are
     * scored one by one.
     */
    @Override
    public void scoreBlock(int from, int to, float[][] out) {
        if (from < 0 || to < from || out.length < to - from) {
            throw new IllegalArgumentException("users " + from + ".." + to + " with " + out.length + " score rows");
        }
        int inModel = Math.max(from, Math.min(to, numUsers));
        if (inModel > from) {
            for (int r = 0; r < inModel - from; r++) {
                if (out[r].length != numItems) {
                    throw new IllegalArgumentException("score row has length " + out[r].length + ", expected "
                            + numItems);
                }
            }
            Kernels.gemmItemMajor(summation, userVec, from * k, inModel - from, itemMajor(), out);
            for (int u = from; u < inModel; u++) {
                addItemTerms(userBase(u), out[u - from]);
            }
        }
        for (int u = inModel; u < to; u++) {
            scoreAll(u, out[u - from]);
        }
    }

    /**
     * The lists by bounds from a projection ({@link ProjectedBounds}) when this model's scores are inner
     * products and the bounds pay on its factors (many items, a spectrum that falls), else false.
     * Users outside the model are left to the caller (false).
     */
    @Override
    public boolean topBlock(int from, int to, Interactions exclude, int k, int[][] outItems, float[][] outScores,
                            int[] counts) {
        if (from < 0 || to < from || to > numUsers || !scoresAreInnerProducts()) {
            return false;
        }
        if (k < 1 || outItems.length < to - from || counts.length < to - from
                || (outScores != null && outScores.length < to - from)) {
            throw new IllegalArgumentException("topBlock: users " + from + ".." + to + ", k " + k + ", "
                    + outItems.length + " item rows, " + counts.length + " counts");
        }
        ProjectedBounds bounds = projectedBounds();
        if (bounds == null || !bounds.pays(k)) {
            return false;
        }
        bounds.topBlock(this, from, to, exclude, k, outItems, outScores, counts);
        return true;
    }

    /**
     * Built once, on first use, by the first thread to ask (the others wait); {@link #NO_BOUNDS} when
     * they would not pay.
     */
    private ProjectedBounds projectedBounds() {
        Object b = bounds;
        if (b == null) {
            synchronized (boundsLock) {
                b = bounds;
                if (b == null) {
                    ProjectedBounds built = ProjectedBounds.build(this);
                    b = built == null ? NO_BOUNDS : built;
                    bounds = b;
                }
            }
        }
        return b == NO_BOUNDS ? null : (ProjectedBounds) b;
    }

    private static final Object NO_BOUNDS = new Object();
    private final Object boundsLock = new Object();

    /**
     * Item {@code item}'s score for user {@code user}, bit for bit what {@link #scoreAll} writes for it
     * (the same dot product order, the same additions in the same order as {@link #addItemTerms}).
     */
    final float fullScore(int user, int item) {
        float base = userBase(user);
        float dot = userDot(user, item);
        return itemBias == null ? base + dot : base + itemBias[item] + dot;
    }

    /** {@code p_u + z_u} for every user, flat (the model's own array: do not modify). */
    final float[] userVec() {
        return userVec;
    }

    /**
     * Whether every score is {@code userBase(u) + b_i + (p_u + z_u).q_i} exactly ({@link #addItemTerms}
     * not changed): true here; timeSVD++ adds time-binned item biases.
     */
    protected boolean scoresAreInnerProducts() {
        return true;
    }

    /** {@code Q} item-major, built on first use and kept (one more copy of {@code Q}). */
    private Kernels.ItemMajor itemMajor() {
        Kernels.ItemMajor t = qt;
        if (t == null) {
            t = Kernels.ItemMajor.of(q, 0, numItems, k);
            qt = t;
        }
        return t;
    }

    /** The user's constant terms: {@code mu + b_u}. */
    protected float userBase(int user) {
        return userBias == null ? mean : mean + userBias[user];
    }

    /**
     * {@code out[i] = base + b_i + vec[vo..vo+k).q_i} for every item, via {@link #addItemTerms}; the
     * dot products are one row of {@link Kernels#gemmItemMajor} (bit for bit {@link Kernels#gemv}, about
     * three times faster on ML-100k's 1,682 x 100 factors) in this model's {@link Summation} order.
     */
    protected final void scoreVector(float base, float[] vec, int vo, float[] out) {
        if (out.length != numItems) {
            throw new IllegalArgumentException("score buffer has length " + out.length + ", expected " + numItems);
        }
        Kernels.gemmItemMajor(summation, vec, vo, 1, itemMajor(), new float[][] {out});
        addItemTerms(base, out);
    }

    /** {@code out[i] = (base + b_i) + out[i]}, where {@code out} holds the dot products. */
    protected void addItemTerms(float base, float[] out) {
        if (itemBias == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = base + out[i];
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = base + itemBias[i] + out[i];
            }
        }
    }

    @Override
    public int numItems() {
        return numItems;
    }

    public int numUsers() {
        return numUsers;
    }

    /** The latent dimension k. */
    public int factors() {
        return k;
    }

    /** The global offset {@code mu} (0 for rankers). */
    public float mean() {
        return mean;
    }

    /** A copy of item {@code item}'s factor vector {@code q_i}. */
    public float[] itemFactors(int item) {
        return java.util.Arrays.copyOfRange(q, item * k, (item + 1) * k);
    }

    /**
     * The model's scores as inner products, for an approximate nearest-neighbour index:
     * {@code score(u, i) = userOffsets[u] + (users[u] . items[i] + itemOffsets[i])} up to float
     * rounding, so that the augmented vectors {@code [users[u], 1]} and {@code [items[i], itemOffsets[i]]}
     * rank items as the model does. Flat row-major copies (the model keeps its own arrays).
     *
     * @param k           the vector length
     * @param users       {@code p_u + z_u}, {@code numUsers * k}
     * @param userOffsets {@code mu + b_u}, one per user
     * @param items       {@code q_i}, {@code numItems * k}
     * @param itemOffsets {@code b_i} (zeros for a model without item biases), one per item
     */
    public record InnerProducts(int k, float[] users, float[] userOffsets, float[] items, float[] itemOffsets) {
    }

    /**
     * This model's scores as inner products (see {@link InnerProducts}), or null when its scores have
     * other terms (timeSVD++'s time-binned item biases). Algorithms whose models answer declare
     * {@link org.movierec.model.AlgorithmProvider.Capability#INNER_PRODUCT}.
     *
     * @return fresh copies of the vectors and offsets, or null
     */
    public InnerProducts innerProducts() {
        if (!scoresAreInnerProducts()) {
            return null;
        }
        float[] offsets = new float[numUsers];
        for (int u = 0; u < numUsers; u++) {
            offsets[u] = userBase(u);
        }
        return new InnerProducts(k, userVec.clone(), offsets, q.clone(),
                itemBias == null ? new float[numItems] : itemBias.clone());
    }

    /** The extra called {@code name} (arrays are the model's own: do not modify them). */
    public <T> T extra(String name, Class<T> type) {
        Object v = parts.extras().get(name);
        if (!type.isInstance(v)) {
            throw new IllegalStateException(this.type + " model has no " + type.getSimpleName() + " extra '" + name
                    + "'");
        }
        return type.cast(v);
    }

    /** The order in which this model sums its dot products. */
    public Summation summation() {
        return summation;
    }

    /**
     * Cosine similarity of item {@code item}'s factor row with every row,
     * {@code q_i.q_j / (|q_i| |q_j|)}, 0 where either row is all zeros (items without training data).
     */
    @Override
    public void similarTo(int item, float[] out) {
        Kernels.gemv(Summation.LANES, q, 0, numItems, k, q, item * k, out, 0);
        float ni = itemNorms[item];
        for (int j = 0; j < numItems; j++) {
            float d = ni * itemNorms[j];
            out[j] = d == 0 ? 0f : out[j] / d;
        }
    }

    /** One entry of {@link #similarTo}: the same dot product and norms, so bit for bit equal. */
    @Override
    public float similarity(int item, int other) {
        float d = itemNorms[item] * itemNorms[other];
        return d == 0 ? 0f : Kernels.dot(q, other * k, q, item * k, k) / d;
    }

    // ---------------------------------------------------------------- fold-in

    /** Solves the new user with this model's {@link FoldInRule}, then scores like {@link #scoreAll}. */
    @Override
    public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
        checkFoldIn(items, ratings, out);
        float[] vec = new float[k];
        float bu = foldIn.solve(this, items, ratings, vec);
        scoreVector(mean + bu, vec, 0, out);
    }

    private void checkFoldIn(int[] items, float[] ratings, float[] out) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException("fold-in: " + items.length + " items but " + ratings.length
                    + " ratings");
        }
        if (out.length != numItems) {
            throw new IllegalArgumentException("fold-in: output length " + out.length + ", expected " + numItems);
        }
        for (int i : items) {
            if (i < 0 || i >= numItems) {
                throw new IllegalArgumentException("fold-in: item " + i + " outside 0.." + (numItems - 1));
            }
        }
    }

    /** The item biases {@link #RIDGE} fits against (timeSVD++: those of the last time bin); null for none. */
    protected float[] foldInItemBias() {
        return itemBias;
    }

    private static float ridgeFoldIn(FactorModel m, int[] items, float[] ratings, float[] vec) {
        int k = m.k;
        float mean = m.mean;
        float[] ib = m.foldInItemBias();
        float[] z = new float[k];
        if (m.y != null && items.length > 0) {
            LatentMath.implicitSum(items, 0, items.length, m.y, k, (float) (1 / Math.sqrt(items.length)), z);
        }
        float bu = 0;
        if (m.userBias != null) {
            double s = 0;
            for (int n = 0; n < items.length; n++) {
                s += ib == null ? ratings[n] - mean : ratings[n] - mean - ib[items[n]];
            }
            bu = (float) (s / (FOLD_IN_BIAS_SHRINK + items.length));
        }
        double[] res = new double[items.length];
        for (int n = 0; n < items.length; n++) {
            float r = ib == null ? ratings[n] - mean - bu : ratings[n] - mean - bu - ib[items[n]];
            res[n] = m.y == null ? r : r - Kernels.dot(m.q, items[n] * k, z, 0, k);
        }
        float regFactor = m.extra("regFactor", Float.class);
        float[] pu = ridge(m.q, k, items, res, regFactor * items.length + 1.0);
        for (int f = 0; f < k; f++) {
            vec[f] = m.y == null ? pu[f] : z[f] + pu[f];
        }
        return bu;
    }

    /**
     * Ridge regression of a user vector against fixed item factors:
     * {@code p = argmin sum_i (res_i - q_i.p)^2 + lambda |p|^2}, i.e. {@code (Q^T Q + lambda I) p = Q^T res},
     * solved by Cholesky in double precision (the k x k system is tiny next to the item scan).
     *
     * @param q      item factors, flat {@code numItems x k}
     * @param items  the rated items
     * @param res    the residuals to explain (rating minus everything the model already predicts)
     * @param lambda ridge penalty ({@code > 0} keeps the system positive definite)
     * @return the user vector (length k)
     */
    static float[] ridge(float[] q, int k, int[] items, double[] res, double lambda) {
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int n = 0; n < items.length; n++) {
            int o = items[n] * k;
            for (int f = 0; f < k; f++) {
                double qf = q[o + f];
                b[f] += qf * res[n];
                for (int g = f; g < k; g++) {
                    a[f * k + g] += qf * q[o + g];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        Cholesky.solve(a, k, b);
        float[] p = new float[k];
        for (int f = 0; f < k; f++) {
            p[f] = (float) b[f];
        }
        return p;
    }

    @Override
    public String toString() {
        List<String> has = new ArrayList<>();
        has.add("k=" + k);
        has.add(numUsers + " users");
        has.add(numItems + " items");
        if (userBias != null || itemBias != null) {
            has.add("biases");
        }
        if (y != null) {
            has.add("implicit");
        }
        return type + " factor model (" + String.join(", ", has) + ")";
    }
}
