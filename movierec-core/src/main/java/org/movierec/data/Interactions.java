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
 *
 * <p>Thread-safe: the columns never change after construction and the per-item view is published
 * through a volatile field (two threads may both build it; either result is the same). Accessors
 * taking a position {@code pos} expect {@code 0..size()-1}, those taking a user or item a dense index;
 * both throw {@link ArrayIndexOutOfBoundsException} outside. Timestamps are seconds since the Unix
 * epoch, as in the MovieLens files.
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
     * @param numUsers   number of users of the id space
     * @param numItems   number of items of the id space
     * @param users      dense user index per rating
     * @param items      dense item index per rating
     * @param ratings    rating per rating, on the dataset's scale
     * @param timestamps time per rating, seconds since the epoch
     * @return the interactions, owning the arrays
     * @throws IllegalArgumentException naming the first position that is out of range or out of order,
     *                                  or a (user, item) pair that occurs twice
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

    /**
     * An empty set of interactions over the given id space.
     *
     * @param numUsers number of users of the id space
     * @param numItems number of items of the id space
     * @return interactions with no ratings
     */
    public static Interactions empty(int numUsers, int numItems) {
        return new Interactions(numUsers, numItems, new int[0], new int[0], new float[0], new long[0]);
    }

    /**
     * The size of the user dimension (users with and without ratings here).
     *
     * @return the number of users of the id space
     */
    public int numUsers() {
        return numUsers;
    }

    /**
     * The size of the item dimension (movies with and without ratings here).
     *
     * @return the number of items of the id space
     */
    public int numItems() {
        return numItems;
    }

    /**
     * The number of ratings.
     *
     * @return the number of positions
     */
    public int size() {
        return users.length;
    }

    /**
     * The user of one rating.
     *
     * @param pos a position, {@code 0..size()-1}
     * @return its dense user index
     */
    public int user(int pos) {
        return users[pos];
    }

    /**
     * The item of one rating.
     *
     * @param pos a position, {@code 0..size()-1}
     * @return its dense item index
     */
    public int item(int pos) {
        return items[pos];
    }

    /**
     * The value of one rating.
     *
     * @param pos a position, {@code 0..size()-1}
     * @return the rating, on the dataset's scale
     */
    public float rating(int pos) {
        return ratings[pos];
    }

    /**
     * The time of one rating.
     *
     * @param pos a position, {@code 0..size()-1}
     * @return seconds since the Unix epoch
     */
    public long timestamp(int pos) {
        return timestamps[pos];
    }

    /**
     * Where a user's ratings begin.
     *
     * @param user a dense user index
     * @return the first position of the user's ratings (equal to {@link #userEnd} when they have none)
     */
    public int userStart(int user) {
        return userOffsets[user];
    }

    /**
     * Where a user's ratings end.
     *
     * @param user a dense user index
     * @return one past the last position of the user's ratings
     */
    public int userEnd(int user) {
        return userOffsets[user + 1];
    }

    /**
     * How many ratings a user has here.
     *
     * @param user a dense user index
     * @return {@code userEnd(user) - userStart(user)}
     */
    public int userCount(int user) {
        return userOffsets[user + 1] - userOffsets[user];
    }

    /**
     * The raw user column, for hot loops. Callers must not modify it; the columns are exposed rather
     * than copied because a 25M-rating dataset cannot afford a copy per pass.
     *
     * @return the dense user index per position (not a copy)
     */
    public int[] usersArray() {
        return users;
    }

    /**
     * The raw item column, for hot loops; must not be modified.
     *
     * @return the dense item index per position (not a copy)
     */
    public int[] itemsArray() {
        return items;
    }

    /**
     * The raw rating column, for hot loops; must not be modified.
     *
     * @return the rating per position (not a copy)
     */
    public float[] ratingsArray() {
        return ratings;
    }

    /**
     * The raw timestamp column, for hot loops; must not be modified.
     *
     * @return seconds since the epoch per position (not a copy)
     */
    public long[] timestampsArray() {
        return timestamps;
    }

    /**
     * The CSR offsets; must not be modified.
     *
     * @return {@code numUsers + 1} offsets: user {@code u}'s ratings are at {@code [o[u], o[u+1])} (not a copy)
     */
    public int[] userOffsetsArray() {
        return userOffsets;
    }

    /**
     * The mean of all ratings, accumulated in double.
     *
     * @return the mean, or 0 when there are no ratings
     */
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
     *
     * @param positions strictly increasing positions, each in {@code 0..size()-1}
     * @return new interactions holding copies of those ratings
     * @throws IllegalArgumentException naming the first position that is out of order or out of range
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

    /**
     * How many ratings each item has here.
     *
     * @return a new array of {@code numItems()} counts
     */
    public int[] itemCounts() {
        int[] c = new int[numItems];
        for (int i : items) {
            c[i]++;
        }
        return c;
    }

    /**
     * The per-item (CSC) view, built once on first use (one pass, {@code 4 * (size() + numItems())} bytes).
     *
     * @return the view, shared by later calls
     */
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
     * which index the parent's columns, in increasing user order. Immutable.
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

        /**
         * Where an item's ratings begin in {@link #position} order.
         *
         * @param item a dense item index
         * @return the first k of the item (equal to {@link #itemEnd} when it has no ratings)
         */
        public int itemStart(int item) {
            return offsets[item];
        }

        /**
         * Where an item's ratings end in {@link #position} order.
         *
         * @param item a dense item index
         * @return one past the item's last k
         */
        public int itemEnd(int item) {
            return offsets[item + 1];
        }

        /**
         * The k-th rating in item order.
         *
         * @param k an index in {@code 0..size()-1} of the parent
         * @return its position in the parent's columns
         */
        public int position(int k) {
            return positions[k];
        }

        /**
         * The raw item offsets for hot loops; must not be modified.
         *
         * @return {@code numItems + 1} offsets into {@link #positionsArray()} (not a copy)
         */
        public int[] offsetsArray() {
            return offsets;
        }

        /**
         * The raw positions for hot loops; must not be modified.
         *
         * @return the parent's positions grouped by item, users increasing within an item (not a copy)
         */
        public int[] positionsArray() {
            return positions;
        }
    }

    /**
     * Collects ratings in any order, then sorts them into an {@link Interactions}. Grows its
     * primitive buffers geometrically; pass a good {@code expectedSize} to avoid copies. Not
     * thread-safe; {@link #build} may be called once (it releases the buffers).
     */
    public static final class Builder {
        private final int numUsers;
        private final int numItems;
        private int[] u;
        private int[] it;
        private float[] r;
        private long[] t;
        private int n;

        /**
         * An empty builder.
         *
         * @param numUsers     number of users of the id space
         * @param numItems     number of items of the id space
         * @param expectedSize initial capacity in ratings (at least 16 is used)
         */
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
         * are never held twice). Every user and item is checked against the id space. The caller must
         * not change the arrays afterwards.
         *
         * @param numUsers   the number of users, the user id space {@code 0..numUsers-1}
         * @param numItems   the number of items, the item id space {@code 0..numItems-1}
         * @param users      dense user indices; entries {@code 0..size-1} are used
         * @param items      dense item indices; entries {@code 0..size-1} are used
         * @param ratings    the ratings or implicit values (not checked against a scale)
         * @param timestamps seconds since the epoch (0 when unknown)
         * @param size       the number of interactions held, at least 0 and at most each array's length
         * @return a builder holding those interactions, to which more may be {@link #add added}
         * @throws IllegalArgumentException when {@code size} is negative or longer than a column, or a user
         *                                  or item is outside {@code numUsers x numItems}
         * @throws NullPointerException     when a column is null
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

        /**
         * The number of ratings added so far (duplicates included).
         *
         * @return the count
         */
        public int size() {
            return n;
        }

        /**
         * Adds one rating; no allocation except when the buffers grow.
         *
         * @param user      dense user index, {@code 0..numUsers-1}
         * @param item      dense item index, {@code 0..numItems-1}
         * @param rating    the rating (not checked against a scale; readers do that)
         * @param timestamp seconds since the epoch
         * @return its insertion index (0-based), as {@link DuplicateInteractionException} reports it
         * @throws IllegalArgumentException when the user or item is out of range
         */
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
         * @return the sorted interactions
         * @throws DuplicateInteractionException when {@code keepLast} is false and a pair occurs twice
         */
        public Interactions build(boolean keepLast) {
            return build(keepLast, false);
        }

        /**
         * As {@link #build(boolean)} with a repeated (user, item) pair merged into one whose value is
         * the sum of the pair's values (implicit feedback: plays, purchases), kept at the time of the
         * pair added last.
         *
         * @return the sorted interactions, one per (user, item) pair
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
        /** Insertion index of the earlier record. */
        private final int firstIndex;
        /** Insertion index of the later record. */
        private final int secondIndex;

        /**
         * Describes the duplicate.
         *
         * @param firstIndex  insertion index of the earlier record
         * @param secondIndex insertion index of the later record
         * @param user        dense user index of the pair
         * @param item        dense item index of the pair
         */
        public DuplicateInteractionException(int firstIndex, int secondIndex, int user, int item) {
            super("duplicate rating for dense user " + user + ", item " + item
                    + " (records " + firstIndex + " and " + secondIndex + ")");
            this.firstIndex = firstIndex;
            this.secondIndex = secondIndex;
        }

        /**
         * The earlier record (readers map it back to a file line).
         *
         * @return its 0-based insertion index
         */
        public int firstIndex() {
            return firstIndex;
        }

        /**
         * The later record (readers map it back to a file line).
         *
         * @return its 0-based insertion index
         */
        public int secondIndex() {
            return secondIndex;
        }
    }
}
