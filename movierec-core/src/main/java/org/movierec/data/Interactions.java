package org.movierec.data;

import java.util.Arrays;
import org.movierec.util.Parallel;

/**
 * Ratings as parallel primitive columns (user, item, rating, timestamp), sorted by user, then
 * timestamp, then item, with a CSR offset array per user: the ratings of user {@code u} are the
 * positions {@code userStart(u) .. userEnd(u)-1}.
 *
 * <p>Immutable. Users and items are dense indices into the owning {@link Dataset}'s {@link Users}
 * and {@link Movies}; a train/test view of a split shares that id space and simply holds a subset
 * of the positions (see {@link #select(int[])}). The per-item view is built on first use.
 */
public final class Interactions {
    private final int numUsers;
    private final int numItems;
    private final int[] users;
    private final int[] items;
    private final float[] ratings;
    private final long[] timestamps;
    private final int[] userOffsets;
    private volatile ItemView itemView;

    private Interactions(int numUsers, int numItems, int[] users, int[] items, float[] ratings, long[] timestamps) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.timestamps = timestamps;
        this.userOffsets = new int[numUsers + 1];
        for (int p = 0; p < users.length; p++) {
            userOffsets[users[p] + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            userOffsets[u + 1] += userOffsets[u];
        }
    }

    /**
     * Interactions from columns that are already in this class's order (user, then time, then item,
     * no duplicate pair), such as those saved by {@code ModelIO}: one checking pass instead of the
     * builder's sort. The arrays are taken, not copied.
     *
     * @throws IllegalArgumentException naming the first position that is out of range or out of order
     */
    public static Interactions ofSorted(int numUsers, int numItems, int[] users, int[] items, float[] ratings,
                                        long[] timestamps) {
        int n = users.length;
        if (items.length != n || ratings.length != n || timestamps.length != n) {
            throw new IllegalArgumentException("columns differ in length: " + n + ", " + items.length + ", "
                    + ratings.length + ", " + timestamps.length);
        }
        for (int p = 0; p < n; p++) {
            if (users[p] < 0 || users[p] >= numUsers || items[p] < 0 || items[p] >= numItems) {
                throw new IllegalArgumentException("position " + p + ": user " + users[p] + " / item " + items[p]
                        + " outside " + numUsers + " x " + numItems);
            }
            if (p > 0) {
                int q = p - 1;
                boolean ordered = users[q] < users[p] || (users[q] == users[p] && (timestamps[q] < timestamps[p]
                        || (timestamps[q] == timestamps[p] && items[q] < items[p])));
                if (!ordered) {
                    throw new IllegalArgumentException("position " + p + " is not after position " + q
                            + " in (user, time, item) order");
                }
            }
        }
        // Strict (time, item) order within a user rules out a repeated item only at equal times;
        // a repeated item at another time needs a per-user check.
        int[] mark = new int[numItems];
        java.util.Arrays.fill(mark, -1);
        for (int p = 0; p < n; p++) {
            if (mark[items[p]] == users[p]) {
                throw new IllegalArgumentException("position " + p + ": user " + users[p] + " rated item "
                        + items[p] + " twice");
            }
            mark[items[p]] = users[p];
        }
        return new Interactions(numUsers, numItems, users, items, ratings, timestamps);
    }

    /** An empty set of interactions over the given id space. */
    public static Interactions empty(int numUsers, int numItems) {
        return new Interactions(numUsers, numItems, new int[0], new int[0], new float[0], new long[0]);
    }

    public int numUsers() {
        return numUsers;
    }

    public int numItems() {
        return numItems;
    }

    /** Number of ratings. */
    public int size() {
        return users.length;
    }

    public int user(int pos) {
        return users[pos];
    }

    public int item(int pos) {
        return items[pos];
    }

    public float rating(int pos) {
        return ratings[pos];
    }

    public long timestamp(int pos) {
        return timestamps[pos];
    }

    public int userStart(int user) {
        return userOffsets[user];
    }

    public int userEnd(int user) {
        return userOffsets[user + 1];
    }

    public int userCount(int user) {
        return userOffsets[user + 1] - userOffsets[user];
    }

    /**
     * The raw columns, for hot loops. Callers must not modify them; they are exposed rather than
     * copied because a 25M-rating dataset cannot afford a copy per pass.
     */
    public int[] usersArray() {
        return users;
    }

    public int[] itemsArray() {
        return items;
    }

    public float[] ratingsArray() {
        return ratings;
    }

    public long[] timestampsArray() {
        return timestamps;
    }

    /** CSR offsets, length {@code numUsers + 1}. Must not be modified. */
    public int[] userOffsetsArray() {
        return userOffsets;
    }

    /** Mean of all ratings (0 when empty), accumulated in double. */
    public double meanRating() {
        if (ratings.length == 0) {
            return 0;
        }
        double s = 0;
        for (float r : ratings) {
            s += r;
        }
        return s / ratings.length;
    }

    /**
     * The interactions at the given positions (strictly increasing), over the same id space.
     * Because positions are taken in order, the result is still sorted by (user, time, item).
     */
    public Interactions select(int[] positions) {
        int n = positions.length;
        int[] u = new int[n];
        int[] it = new int[n];
        float[] r = new float[n];
        long[] t = new long[n];
        int prev = -1;
        for (int k = 0; k < n; k++) {
            int p = positions[k];
            if (p <= prev || p >= users.length) {
                throw new IllegalArgumentException("positions must be strictly increasing and < " + users.length
                        + "; got " + p + " after " + prev);
            }
            prev = p;
            u[k] = users[p];
            it[k] = items[p];
            r[k] = ratings[p];
            t[k] = timestamps[p];
        }
        return new Interactions(numUsers, numItems, u, it, r, t);
    }

    /** Number of ratings per item. */
    public int[] itemCounts() {
        int[] c = new int[numItems];
        for (int i : items) {
            c[i]++;
        }
        return c;
    }

    /** The per-item (CSC) view, built once on first use. */
    public ItemView byItem() {
        ItemView v = itemView;
        if (v == null) {
            v = new ItemView(this);
            itemView = v;
        }
        return v;
    }

    /**
     * Per-item access: the ratings of item {@code i} are at {@code positions[itemStart(i) .. itemEnd(i)-1]},
     * which index the parent's columns, in increasing user order.
     */
    public static final class ItemView {
        private final int[] offsets;
        private final int[] positions;

        private ItemView(Interactions in) {
            offsets = new int[in.numItems + 1];
            for (int i : in.items) {
                offsets[i + 1]++;
            }
            for (int i = 0; i < in.numItems; i++) {
                offsets[i + 1] += offsets[i];
            }
            positions = new int[in.items.length];
            int[] next = Arrays.copyOf(offsets, in.numItems);
            for (int p = 0; p < in.items.length; p++) {
                positions[next[in.items[p]]++] = p;
            }
        }

        public int itemStart(int item) {
            return offsets[item];
        }

        public int itemEnd(int item) {
            return offsets[item + 1];
        }

        /** Position (into the parent's columns) of the k-th rating in item order. */
        public int position(int k) {
            return positions[k];
        }

        /** Raw arrays for hot loops; must not be modified. */
        public int[] offsetsArray() {
            return offsets;
        }

        public int[] positionsArray() {
            return positions;
        }
    }

    /**
     * Collects ratings in any order, then sorts them into an {@link Interactions}. Grows its
     * primitive buffers geometrically; pass a good {@code expectedSize} to avoid copies.
     */
    public static final class Builder {
        private final int numUsers;
        private final int numItems;
        private int[] u;
        private int[] it;
        private float[] r;
        private long[] t;
        private int n;

        public Builder(int numUsers, int numItems, int expectedSize) {
            this.numUsers = numUsers;
            this.numItems = numItems;
            int cap = Math.max(16, expectedSize);
            u = new int[cap];
            it = new int[cap];
            r = new float[cap];
            t = new long[cap];
        }

        /**
         * A builder that takes the first {@code size} entries of the given columns as its ratings,
         * without copying them (a reader that filled its own columns hands them over, so 25M ratings
         * are never held twice). Every user and item is checked against the id space.
         */
        public static Builder wrap(int numUsers, int numItems, int[] users, int[] items, float[] ratings,
                                   long[] timestamps, int size) {
            if (size < 0 || users.length < size || items.length < size || ratings.length < size
                    || timestamps.length < size) {
                throw new IllegalArgumentException("columns shorter than " + size);
            }
            Builder b = new Builder(numUsers, numItems, 0);
            for (int k = 0; k < size; k++) {
                if (users[k] < 0 || users[k] >= numUsers || items[k] < 0 || items[k] >= numItems) {
                    throw new IllegalArgumentException("user " + users[k] + " / item " + items[k] + " outside "
                            + numUsers + " x " + numItems);
                }
            }
            b.u = users;
            b.it = items;
            b.r = ratings;
            b.t = timestamps;
            b.n = size;
            return b;
        }

        public int size() {
            return n;
        }

        /** Adds one rating; returns its insertion index. */
        public int add(int user, int item, float rating, long timestamp) {
            if (user < 0 || user >= numUsers || item < 0 || item >= numItems) {
                throw new IllegalArgumentException("user " + user + " / item " + item + " outside " + numUsers + " x " + numItems);
            }
            if (n == u.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, (long) n + (n >> 1) + 16);
                u = Arrays.copyOf(u, cap);
                it = Arrays.copyOf(it, cap);
                r = Arrays.copyOf(r, cap);
                t = Arrays.copyOf(t, cap);
            }
            u[n] = user;
            it[n] = item;
            r[n] = rating;
            t[n] = timestamp;
            return n++;
        }

        /**
         * Sorts by (user, timestamp, item) and checks for duplicate (user, item) pairs.
         *
         * @param keepLast when false a duplicate pair throws {@link DuplicateInteractionException};
         *                 when true the pair added last (in insertion order) is kept
         */
        public Interactions build(boolean keepLast) {
            return build(keepLast, false);
        }

        /**
         * As {@link #build(boolean)} with a repeated (user, item) pair merged into one whose value is
         * the sum of the pair's values (implicit feedback: plays, purchases), kept at the time of the
         * pair added last.
         */
        public Interactions buildSummingDuplicates() {
            return build(true, true);
        }

        private Interactions build(boolean keepLast, boolean sum) {
            int[] perm = sortedPermutation();
            // Duplicate detection: mark[item] holds the last user that rated it, owner[item] its insertion index.
            int[] mark = new int[numItems];
            int[] owner = new int[numItems];
            Arrays.fill(mark, -1);
            boolean[] drop = null;
            for (int k = 0; k < n; k++) {
                int p = perm[k];
                int item = it[p];
                if (mark[item] == u[p]) {
                    int first = owner[item];
                    if (!keepLast) {
                        throw new DuplicateInteractionException(Math.min(first, p), Math.max(first, p), u[p], item);
                    }
                    if (drop == null) {
                        drop = new boolean[n];
                    }
                    int loser = Math.min(first, p);
                    drop[loser] = true;
                    owner[item] = Math.max(first, p);
                    if (sum) {
                        r[owner[item]] += r[loser];
                    }
                } else {
                    mark[item] = u[p];
                    owner[item] = p;
                }
            }
            // Compact the permutation in place, then gather one column at a time and drop each
            // unsorted column as soon as it is copied: the peak is the four input columns, the
            // permutation and one output column (about 32 bytes per rating instead of 44), which is
            // what lets 25M ratings load in a 1.5 GB heap.
            int m = 0;
            for (int k = 0; k < n; k++) {
                int p = perm[k];
                if (drop == null || !drop[p]) {
                    perm[m++] = p;
                }
            }
            drop = null;
            int[] su = new int[m];
            for (int k = 0; k < m; k++) {
                su[k] = u[perm[k]];
            }
            u = null;
            int[] si = new int[m];
            for (int k = 0; k < m; k++) {
                si[k] = it[perm[k]];
            }
            it = null;
            float[] sr = new float[m];
            for (int k = 0; k < m; k++) {
                sr[k] = r[perm[k]];
            }
            r = null;
            long[] st = new long[m];
            for (int k = 0; k < m; k++) {
                st[k] = t[perm[k]];
            }
            t = null;
            return new Interactions(numUsers, numItems, su, si, sr, st);
        }

        /**
         * Counting sort by user (stable), then a merge sort of each user's segment by (time, item),
         * users in parallel.
         */
        private int[] sortedPermutation() {
            int[] offsets = new int[numUsers + 1];
            for (int k = 0; k < n; k++) {
                offsets[u[k] + 1]++;
            }
            for (int x = 0; x < numUsers; x++) {
                offsets[x + 1] += offsets[x];
            }
            int[] perm = new int[n];
            int[] next = Arrays.copyOf(offsets, numUsers);
            for (int k = 0; k < n; k++) {
                perm[next[u[k]]++] = k;
            }
            int maxSeg = 0;
            for (int x = 0; x < numUsers; x++) {
                maxSeg = Math.max(maxSeg, offsets[x + 1] - offsets[x]);
            }
            // Users' segments are disjoint, so they sort in parallel; the order (time, item, insertion
            // index) is total, so the result does not depend on how the users are split among threads.
            final int seg = maxSeg;
            Parallel.forRange(numUsers, (chunk, from, to) -> {
                int[] tmp = new int[seg];
                for (int x = from; x < to; x++) {
                    mergeSort(perm, offsets[x], offsets[x + 1], tmp);
                }
            });
            return perm;
        }

        private boolean less(int a, int b) {
            return t[a] < t[b] || (t[a] == t[b] && (it[a] < it[b] || (it[a] == it[b] && a < b)));
        }

        private void mergeSort(int[] a, int from, int to, int[] tmp) {
            int len = to - from;
            if (len < 24) {
                for (int i = from + 1; i < to; i++) {
                    int v = a[i];
                    int j = i - 1;
                    while (j >= from && less(v, a[j])) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(a, from, mid, tmp);
            mergeSort(a, mid, to, tmp);
            if (!less(a[mid], a[mid - 1])) {
                return;
            }
            System.arraycopy(a, from, tmp, 0, mid - from);
            int i = 0;
            int iEnd = mid - from;
            int j = mid;
            int k = from;
            while (i < iEnd && j < to) {
                a[k++] = less(a[j], tmp[i]) ? a[j++] : tmp[i++];
            }
            while (i < iEnd) {
                a[k++] = tmp[i++];
            }
        }
    }

    /** Two ratings for the same (user, item) pair; indices are insertion indices in the builder. */
    public static final class DuplicateInteractionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int firstIndex;
        private final int secondIndex;

        public DuplicateInteractionException(int firstIndex, int secondIndex, int user, int item) {
            super("duplicate rating for dense user " + user + ", item " + item
                    + " (records " + firstIndex + " and " + secondIndex + ")");
            this.firstIndex = firstIndex;
            this.secondIndex = secondIndex;
        }

        public int firstIndex() {
            return firstIndex;
        }

        public int secondIndex() {
            return secondIndex;
        }
    }
}
