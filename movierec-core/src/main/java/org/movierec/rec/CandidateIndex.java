package org.movierec.rec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.IntPredicate;

/**
 * Top-K maximum-inner-product search over a fixed set of item vectors: the items with the largest
 * {@code query . item}. {@link ExactIndex} scans every item (brute force, exact); an approximate
 * index (HNSW, in the optional {@code movierec-ann} module, found through {@link Provider} and
 * {@link ServiceLoader}) visits a small part of the catalogue and may miss some of the true top K.
 *
 * <p>A factor model's score {@code mean + b_u + b_i + x_u . y_i} ranks items exactly as the inner
 * product of {@code [x_u, 1]} with {@code [y_i, b_i]}, so a model hands the index its item factors
 * with the bias appended (see {@link #augmentWithBias}).
 *
 * <p>Implementations are immutable after construction and {@link #search} is thread-safe.
 */
public interface CandidateIndex {

    /**
     * The number of indexed items.
     *
     * @return n; item {@code i} is row {@code i} of the vectors given at build time
     */
    int size();

    /**
     * The length of every vector.
     *
     * @return the dimension, at least 1
     */
    int dimension();

    /**
     * Whether results are exact.
     *
     * @return true when {@link #search} always returns the true top K (brute force)
     */
    boolean exact();

    /**
     * The index's kind, as {@code --index} names it.
     *
     * @return a short name: {@code exact}, {@code hnsw}
     */
    String kind();

    /**
     * The best {@code k} items for {@code query} among those {@code accept} admits (null admits all),
     * best first, into {@code outItems} and (when not null) {@code outScores} (inner products).
     *
     * @param query     the query vector, length {@link #dimension()} (for a factor model {@code [x_u, 1]})
     * @param k         how many items to return, at least 1
     * @param accept    which dense item indices may be returned, or null for all
     * @param outItems  receives the items, best first; length at least {@code k}
     * @param outScores receives their inner products, or null
     * @return how many were written (fewer than k when fewer items are admitted)
     */
    int search(float[] query, int k, IntPredicate accept, int[] outItems, float[] outScores);

    /**
     * Throws when this index is approximate: metrics that must be exact (evaluation of ranking
     * quality) call this so that an approximate index never silently lowers a reported number.
     *
     * @param purpose what needs exact results, for the message (e.g. "evaluate")
     */
    default void requireExact(String purpose) {
        if (!exact()) {
            throw new ApproximateIndexException(purpose + " needs exact top-K scores, but the candidate index is '"
                    + kind() + "' (approximate: it can miss some of the true top K, so metrics would be biased). "
                    + "Use --index exact.");
        }
    }

    /** Thrown by {@link #requireExact} for an approximate index. */
    final class ApproximateIndexException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /**
         * The refusal.
         *
         * @param message names the purpose, the index's kind and the option to use instead
         */
        public ApproximateIndexException(String message) {
            super(message);
        }
    }

    /** Builds indexes of one kind; listed in {@code META-INF/services/org.movierec.rec.CandidateIndex$Provider}. */
    interface Provider {
        /**
         * The kind this provider builds.
         *
         * @return for example {@code hnsw}
         */
        String kind();

        /**
         * Builds an index over {@code n} row-major vectors of length {@code dim} in {@code vectors}
         * (not copied: the caller must not change them afterwards).
         *
         * @param vectors {@code n * dim} floats, row {@code i} at {@code [i*dim, i*dim+dim)}
         * @param n       the number of items
         * @param dim     the vectors' length
         * @return the index
         */
        CandidateIndex build(float[] vectors, int n, int dim);

        /**
         * Writes an index this provider built, without its vectors, so that {@link #read} over the
         * same vectors gives back an index that answers exactly as this one ({@link IndexFile}).
         *
         * @param index an index from {@link #build} or {@link #read} of this provider
         * @param out   where to write
         * @throws IOException when writing fails
         */
        void write(CandidateIndex index, DataOutputStream out) throws IOException;

        /**
         * Reads what {@link #write} wrote, over the vectors it was built on.
         *
         * @param in      the bytes {@link #write} wrote
         * @param vectors {@code n * dim} floats, as given to {@link #build}
         * @param n       the number of items
         * @param dim     the vectors' length
         * @return the index
         * @throws IOException when the bytes are not such an index or do not fit {@code n}
         */
        CandidateIndex read(DataInputStream in, float[] vectors, int n, int dim) throws IOException;
    }

    /** How a caller picks an index: always exact, always a named approximate kind, or by size. */
    enum Choice {
        /** HNSW from {@link #autoThreshold()} items when {@code movierec-ann} is installed, else exact. */
        AUTO,
        /** Always brute force ({@link ExactIndex}). */
        EXACT,
        /** Always HNSW (needs {@code movierec-ann}). */
        HNSW;

        /**
         * Parses {@code --index}.
         *
         * @param s {@code auto}, {@code exact} or {@code hnsw}, case-insensitive
         * @return the choice
         * @throws IllegalArgumentException naming the value and the allowed ones
         */
        public static Choice parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("index must be one of auto, exact, hnsw; got '" + s + "'");
            }
        }
    }

    /**
     * Catalogue size from which {@link Choice#AUTO} uses an approximate index when one is installed:
     * below it brute force is fast enough and exact. Set with {@code -Dmovierec.ann.threshold=N}.
     *
     * @return the threshold in items (default 100,000)
     */
    static int autoThreshold() {
        return Integer.getInteger("movierec.ann.threshold", 100_000);
    }

    /**
     * Builds the index {@code choice} asks for. {@code AUTO} gives an HNSW index when {@code n >=}
     * {@link #autoThreshold()} and a provider is installed, else the exact one; {@code HNSW} fails
     * with a clear message when the {@code movierec-ann} module is not on the class path.
     *
     * @param choice  which index
     * @param vectors {@code n * dim} row-major floats (not copied)
     * @param n       the number of items
     * @param dim     the vectors' length
     * @return the index
     * @throws IllegalStateException when HNSW is asked for and not installed
     */
    static CandidateIndex build(Choice choice, float[] vectors, int n, int dim) {
        Provider p = approximate(choice, n);
        return p == null ? new ExactIndex(vectors, n, dim) : p.build(vectors, n, dim);
    }

    /**
     * The provider of the approximate index {@code choice} asks for over {@code n} items, or null
     * when it asks for the exact one (as {@link #build} decides).
     *
     * @param choice which index
     * @param n      the number of items
     * @return the provider, or null for exact
     * @throws IllegalStateException when HNSW is asked for and not installed
     */
    static Provider approximate(Choice choice, int n) {
        switch (choice) {
            case EXACT:
                return null;
            case HNSW: {
                Provider p = provider("hnsw");
                if (p == null) {
                    throw new IllegalStateException("no 'hnsw' candidate index is installed: put the movierec-ann jar "
                            + "on the class path, or use --index exact");
                }
                return p;
            }
            default:
                return n >= autoThreshold() ? provider("hnsw") : null;
        }
    }

    /**
     * The installed provider of a kind.
     *
     * @param kind for example {@code hnsw}
     * @return the provider, or null when none is on the class path
     */
    static Provider provider(String kind) {
        for (Provider p : providers()) {
            if (p.kind().equals(kind)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Every provider on the class path, looked up on each call.
     *
     * @return a new list
     */
    static List<Provider> providers() {
        List<Provider> out = new ArrayList<>();
        ServiceLoader.load(Provider.class, CandidateIndex.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /**
     * {@code [y_i, b_i]} rows for items (or {@code y_i} unchanged when {@code bias} is null): the
     * vectors under which {@code [x_u, 1] . row_i} ranks items as {@code b_i + x_u . y_i} does.
     *
     * @param factors {@code n * k} row-major item factors
     * @param bias    {@code n} item biases, or null
     * @param n       the number of items
     * @param k       the rank
     * @return {@code n * (k + 1)} new floats, or {@code factors} itself when {@code bias} is null
     */
    static float[] augmentWithBias(float[] factors, float[] bias, int n, int k) {
        if (bias == null) {
            return factors;
        }
        float[] out = new float[n * (k + 1)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(factors, i * k, out, i * (k + 1), k);
            out[i * (k + 1) + k] = bias[i];
        }
        return out;
    }
}
