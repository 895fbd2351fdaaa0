package org.movierec.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.rec.ItemFilters;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;

/**
 * What the API does, apart from HTTP: recommendations for users of the model and of the store,
 * for anonymous ratings (fold-in), popular movies per genre for users without ratings, similar
 * movies, explanations, search, users and ratings. Every method reads the current model snapshot
 * once.
 *
 * <p>Users created through the API are scored by folding their stored ratings into the current
 * model (no retraining), so a new rating changes the next answer. Users of the model's training
 * data are read-only and scored by the model itself.
 */
final class Service {
    /** Liked movies considered for "because you liked" explanations, most liked and recent first. */
    static final int MAX_EXPLAIN = 10;
    static final int MAX_RATINGS_PER_REQUEST = 1000;

    private final Store store;
    private final AtomicReference<ModelSnapshot> state;
    /** Users of the store, with their ratings, as last written (write-through). */
    private final ConcurrentHashMap<Long, StoredUser> users = new ConcurrentHashMap<>();

    /** A store user and their ratings (external movie ids), immutable; replaced on every write. */
    record StoredUser(Store.User user, int[] movies, float[] ratings, long[] times) {
        StoredUser with(int movie, float rating, long time) {
            int k = indexOf(movie);
            if (k >= 0) {
                float[] r = ratings.clone();
                long[] t = times.clone();
                r[k] = rating;
                t[k] = time;
                return new StoredUser(user, movies, r, t);
            }
            int n = movies.length;
            int[] m = Arrays.copyOf(movies, n + 1);
            float[] r = Arrays.copyOf(ratings, n + 1);
            long[] t = Arrays.copyOf(times, n + 1);
            m[n] = movie;
            r[n] = rating;
            t[n] = time;
            return new StoredUser(user, m, r, t);
        }

        StoredUser without(int movie) {
            int k = indexOf(movie);
            if (k < 0) {
                return this;
            }
            int n = movies.length;
            int[] m = new int[n - 1];
            float[] r = new float[n - 1];
            long[] t = new long[n - 1];
            for (int a = 0, b = 0; a < n; a++) {
                if (a != k) {
                    m[b] = movies[a];
                    r[b] = ratings[a];
                    t[b++] = times[a];
                }
            }
            return new StoredUser(user, m, r, t);
        }

        int indexOf(int movie) {
            for (int k = 0; k < movies.length; k++) {
                if (movies[k] == movie) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** A list request's options. */
    record Query(int k, boolean excludeSeen, List<String> genres, int yearFrom, int yearTo, int[] like) {
    }

    Service(Store store, AtomicReference<ModelSnapshot> state) {
        this.store = store;
        this.state = state;
    }

    // ---------------------------------------------------------------- users and ratings

    Map<String, Object> createUser(JsonNode body, String tokenHash) {
        ModelSnapshot s = state.get();
        String name = body.path("name").asText("").trim();
        if (name.length() > 100) {
            throw ApiException.badRequest("name must be at most 100 characters, got " + name.length());
        }
        JsonNode g = body.path("genres");
        List<String> genres = new ArrayList<>();
        if (!g.isMissingNode() && !g.isNull()) {
            if (!g.isArray()) {
                throw ApiException.badRequest("genres must be an array of genre names");
            }
            for (JsonNode x : g) {
                genres.add(x.asText());
            }
        }
        checkGenres(s, genres);
        long largest = largestUserId(s);
        if (largest >= Store.FIRST_USER_ID) {
            store.reserveIdsThrough(largest);
        }
        Store.User u = store.createUser(name, genres, tokenHash);
        users.put(u.id(), new StoredUser(u, new int[0], new float[0], new long[0]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", u.id());
        out.put("name", u.name());
        out.put("genres", u.genres());
        return out;
    }

    private static void checkGenres(ModelSnapshot s, List<String> genres) {
        try {
            ItemFilters.genreMask(s.train().movies(), genres);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The largest external user id of a snapshot's training data. */
    private record Largest(ModelSnapshot snapshot, long userId) {
    }

    private volatile Largest largest;

    /** The largest external user id of the snapshot's training data (computed once per snapshot). */
    private long largestUserId(ModelSnapshot s) {
        Largest l = largest;
        if (l == null || l.snapshot() != s) {
            var ids = s.train().users().ids();
            long max = Long.MIN_VALUE;
            for (int u = 0; u < ids.size(); u++) {
                max = Math.max(max, ids.externalId(u));
            }
            l = new Largest(s, max);
            largest = l;
        }
        return l.userId();
    }

    /** The stored user, from the cache or the store; null when not in the store. */
    StoredUser stored(long id) {
        StoredUser u = users.get(id);
        if (u != null) {
            return u;
        }
        if (id < Store.FIRST_USER_ID) {
            return null;
        }
        var user = store.user(id);
        if (user.isEmpty()) {
            return null;
        }
        List<Store.Rating> rs = store.ratings(id);
        int[] m = new int[rs.size()];
        float[] r = new float[rs.size()];
        long[] t = new long[rs.size()];
        for (int k = 0; k < m.length; k++) {
            m[k] = rs.get(k).movieId();
            r[k] = rs.get(k).rating();
            t[k] = rs.get(k).timestamp();
        }
        StoredUser su = new StoredUser(user.get(), m, r, t);
        StoredUser prev = users.putIfAbsent(id, su);
        return prev != null ? prev : su;
    }

    /** A user of the model's training data, or -1. */
    private static int modelUser(ModelSnapshot s, long id) {
        if (id > Integer.MAX_VALUE || id < Integer.MIN_VALUE) {
            return -1;
        }
        return s.train().users().ids().indexOf((int) id);
    }

    private StoredUser requireStored(long id) {
        StoredUser u = stored(id);
        if (u == null) {
            throw ApiException.notFound("unknown user " + id + " (users created through POST /api/users have ids from "
                    + Store.FIRST_USER_ID + ")");
        }
        return u;
    }

    Map<String, Object> rate(long userId, int movieId, JsonNode body) {
        ModelSnapshot s = state.get();
        StoredUser current = requireStored(userId);
        int i = requireMovie(s, movieId);
        JsonNode r = body.get("rating");
        if (r == null || !r.isNumber()) {
            throw ApiException.badRequest("rating must be a number on the scale " + scale(s.train().ratingScale()));
        }
        float rating = r.floatValue();
        if (!s.train().ratingScale().isValid(rating) || r.doubleValue() != rating) {
            throw ApiException.badRequest("rating " + r.asText() + " is off the scale " + scale(s.train().ratingScale()));
        }
        long now = Instant.now().getEpochSecond();
        // one writer per user at a time, so the cache follows the order of the commits
        synchronized (lock(userId)) {
            store.putRating(userId, movieId, rating, now);
            users.compute(userId, (k, u) -> (u == null ? current : u).with(movieId, rating, now));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", userId);
        out.put("movieId", movieId);
        putKey(out, s.train().movies().ids(), i);
        out.put("title", s.train().movies().title(i));
        out.put("rating", rating);
        out.put("timestamp", now);
        return out;
    }

    void unrate(long userId, int movieId) {
        requireStored(userId);
        synchronized (lock(userId)) {
            if (!store.deleteRating(userId, movieId)) {
                throw ApiException.notFound("user " + userId + " has not rated movie " + movieId);
            }
            users.computeIfPresent(userId, (k, u) -> u.without(movieId));
        }
    }

    private final ConcurrentHashMap<Long, Object> locks = new ConcurrentHashMap<>();

    private Object lock(long userId) {
        return locks.computeIfAbsent(userId, k -> new Object());
    }

    static String scale(RatingScale sc) {
        return sc.min() + ".." + sc.max() + " (step " + sc.step() + ")";
    }

    Map<String, Object> userInfo(long userId) {
        ModelSnapshot s = state.get();
        StoredUser u = stored(userId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", userId);
        if (u != null) {
            out.put("name", u.user().name());
            out.put("genres", u.user().genres());
            out.put("ratings", u.movies().length);
            out.put("source", "store");
            return out;
        }
        int mu = modelUser(s, userId);
        if (mu < 0) {
            throw ApiException.notFound("unknown user " + userId);
        }
        putKey(out, s.train().users().ids(), mu);
        out.put("ratings", s.train().interactions().userCount(mu));
        out.put("source", "model");
        return out;
    }

    Map<String, Object> userRatings(long userId) {
        ModelSnapshot s = state.get();
        List<Map<String, Object>> list = new ArrayList<>();
        StoredUser u = stored(userId);
        if (u != null) {
            for (int k = 0; k < u.movies().length; k++) {
                int i = s.movieIndex(u.movies()[k]);
                list.add(ratingJson(s, u.movies()[k], i, u.ratings()[k], u.times()[k]));
            }
        } else {
            int mu = modelUser(s, userId);
            if (mu < 0) {
                throw ApiException.notFound("unknown user " + userId);
            }
            Interactions in = s.train().interactions();
            for (int p = in.userStart(mu); p < in.userEnd(mu); p++) {
                list.add(ratingJson(s, s.movieId(in.item(p)), in.item(p), in.rating(p), in.timestamp(p)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", userId);
        out.put("ratings", list);
        return out;
    }

    private static Map<String, Object> ratingJson(ModelSnapshot s, int movieId, int index, float rating, long ts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("movieId", movieId);
        if (index >= 0) {
            putKey(m, s.train().movies().ids(), index);
        }
        m.put("title", index >= 0 ? s.train().movies().title(index) : null);
        m.put("rating", rating);
        m.put("timestamp", ts);
        return m;
    }

    // ---------------------------------------------------------------- catalogue

    private static int requireMovie(ModelSnapshot s, int movieId) {
        int i = s.movieIndex(movieId);
        if (i < 0) {
            throw ApiException.notFound("unknown movie " + movieId);
        }
        return i;
    }

    /** {@code "key"}: the id of the data file, for users or movies with string ids (own data); else nothing. */
    private static void putKey(Map<String, Object> m, IdIndex ids, int index) {
        if (ids.hasNames()) {
            m.put("key", ids.name(index));
        }
    }

    static Map<String, Object> movieJson(ModelSnapshot s, int i) {
        Movies m = s.train().movies();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("movieId", m.ids().externalId(i));
        putKey(o, m.ids(), i);
        o.put("title", m.title(i));
        o.put("year", m.year(i) == 0 ? null : m.year(i));
        o.put("genres", m.genreNames(i));
        return o;
    }

    Map<String, Object> movie(int movieId) {
        ModelSnapshot s = state.get();
        int i = requireMovie(s, movieId);
        Map<String, Object> o = movieJson(s, i);
        o.put("ratings", s.ratingCount[i]);
        o.put("meanRating", s.ratingCount[i] == 0 ? null : s.meanRating[i]);
        Movies m = s.train().movies();
        if (m.imdbId(i) >= 0) {
            o.put("imdbUrl", String.format("https://www.imdb.com/title/tt%07d/", m.imdbId(i)));
        }
        return o;
    }

    Map<String, Object> search(String q, int limit) {
        if (q == null || q.isBlank()) {
            throw ApiException.badRequest("q (the title to search for) is required");
        }
        if (q.length() > 200) {
            throw ApiException.badRequest("q must be at most 200 characters, got " + q.length());
        }
        ModelSnapshot s = state.get();
        int[] hits = s.search.search(q, limit);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i : hits) {
            list.add(movieJson(s, i));
        }
        return Map.of("query", q, "movies", list);
    }

    Map<String, Object> similar(int movieId, int k) {
        ModelSnapshot s = state.get();
        int i = requireMovie(s, movieId);
        if (s.similar == null) {
            throw new ApiException(409, "the model (" + s.model().provenance().algorithm()
                    + ") has no item similarities");
        }
        float[] buf = new float[s.train().numItems()];
        s.similar.similarTo(i, buf);
        int n = Math.min(k, buf.length - 1);
        int[] items = new int[Math.max(n, 1)];
        float[] scores = new float[items.length];
        int got = Recommender.select(buf, new int[] {i}, null, new TopK(items.length), items, scores);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int q = 0; q < got; q++) {
            Map<String, Object> o = movieJson(s, items[q]);
            o.put("similarity", scores[q]);
            list.add(o);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("movie", movieJson(s, i));
        out.put("modelVersion", s.version());
        out.put("similar", list);
        return out;
    }

    Map<String, Object> modelInfo() {
        ModelSnapshot s = state.get();
        var p = s.model().provenance();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("modelVersion", s.version());
        o.put("algorithm", p.algorithm());
        o.put("hyperparameters", p.hyperparameters());
        o.put("dataset", p.dataset());
        o.put("split", p.split());
        o.put("trainedAt", p.trainedAt());
        o.put("validation", p.validationMetrics());
        o.put("trainingSeconds", p.trainingSeconds());
        o.put("movies", s.train().numItems());
        o.put("users", s.train().numUsers());
        o.put("ratings", s.train().interactions().size());
        RatingScale sc = s.train().ratingScale();
        o.put("ratingScale", Map.of("min", sc.min(), "max", sc.max(), "step", sc.step()));
        o.put("foldIn", s.unseen.supportsFoldIn());
        o.put("foldInStrategy", s.unseen.foldInStrategy());
        o.put("similarItems", s.similar != null);
        return o;
    }

    // ---------------------------------------------------------------- recommendations

    /** Recommendations for a user of the store (fold-in of their ratings) or of the model. */
    Map<String, Object> forUser(long userId, Query q) {
        ModelSnapshot s = state.get();
        StoredUser su = stored(userId);
        int mu = su == null ? modelUser(s, userId) : -1;
        if (su == null && mu < 0) {
            throw ApiException.notFound("unknown user " + userId);
        }
        IntPredicate filter = filter(s, q);
        int[] like = likeItems(s, q.like());
        Ratings r;
        if (su != null) {
            r = ratingsOf(s, su.movies(), su.ratings(), su.times());
        } else {
            Interactions in = s.train().interactions();
            int from = in.userStart(mu);
            int to = in.userEnd(mu);
            int[] items = Arrays.copyOfRange(in.itemsArray(), from, to);
            float[] ratings = new float[to - from];
            long[] times = new long[to - from];
            for (int p = from; p < to; p++) {
                ratings[p - from] = in.rating(p);
                times[p - from] = in.timestamp(p);
            }
            r = new Ratings(items, ratings, times);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", userId);
        if (su != null && r.items.length == 0 && like.length == 0) {
            List<String> genres = q.genres().isEmpty() ? su.user().genres() : q.genres();
            out.put("modelVersion", s.version());
            out.put("strategy", "popular");
            out.put("recommendations", popular(s, genres, filter, q.k()));
            return out;
        }
        Recommender.Ranked ranked;
        String strategy;
        if (su == null && like.length == 0) {
            ranked = q.excludeSeen() && filter == null ? s.topUnseen(mu, q.k())
                    : (q.excludeSeen() ? s.unseen : s.all).recommend(mu, q.k(), null, filter);
            strategy = "model";
        } else {
            r = r.plusLikes(like, s.train().ratingScale().max());
            if (!s.all.supportsFoldIn()) {
                throw new ApiException(409, "the model (" + s.model().provenance().algorithm()
                        + ") cannot fold in new ratings; retrain to include this user");
            }
            float[] buf = new float[s.train().numItems()];
            s.all.scoreFoldIn(r.items, r.ratings, buf);
            int[] items = new int[q.k()];
            float[] scores = new float[q.k()];
            int n = Recommender.select(buf, q.excludeSeen() ? r.items : like, filter, new TopK(q.k()), items, scores);
            ranked = new Recommender.Ranked(Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
            strategy = s.all.foldInStrategy();
        }
        out.put("modelVersion", s.version());
        out.put("strategy", strategy);
        out.put("recommendations", explain(s, ranked, r));
        return out;
    }

    /**
     * Runs the two hot requests, recommendations for users of the model and a fold-in for a new
     * user with ten ratings, through to JSON, in process, until {@code budget} has passed or
     * {@code maxCalls} were made, so that the JIT has compiled them before the first client arrives
     * (on 2 cores, C2 was still compiling the scoring loop 6 s into a wrk run without it). Changes
     * nothing: no store writes; the answers are thrown away. A request that fails ends the warm-up
     * (the exception is returned to the caller to log), never the server's start.
     *
     * @return the number of calls made
     */
    int warmUp(java.time.Duration budget, int maxCalls) {
        try {
            return warmUpCalls(budget, maxCalls);
        } catch (Exception e) {
            warmUpFailure = e;
            return -1;
        }
    }

    /** Why the last {@link #warmUp} stopped early, or null. */
    volatile Exception warmUpFailure;

    private int warmUpCalls(java.time.Duration budget, int maxCalls) throws Exception {
        ModelSnapshot s = state.get();
        int nu = s.train().numUsers();
        if (nu == 0 || s.train().numItems() == 0) {
            return 0;
        }
        int[] ids = s.train().users().ids().externalIds();
        Query q = new Query(10, true, List.of(), Integer.MIN_VALUE, Integer.MAX_VALUE, new int[0]);
        JsonNode foldIn = s.all.supportsFoldIn() ? foldInBody(s, 10) : null;
        long end = System.nanoTime() + budget.toNanos();
        int calls = 0;
        while (calls < maxCalls && System.nanoTime() < end) {
            MovieServer.JSON.writeValueAsBytes(forUser(ids[calls % nu], q));
            if (foldIn != null && calls % 4 == 0) {
                MovieServer.JSON.writeValueAsBytes(anonymous(foldIn));
            }
            calls++;
        }
        return calls;
    }

    /** A fold-in request body: the {@code n} most rated movies, rated 1, 2, .. 5, 1, ... (benchmarks, warm-up). */
    static JsonNode foldInBody(ModelSnapshot s, int n) {
        Integer[] idx = new Integer[s.train().numItems()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Integer.compare(s.ratingCount[b], s.ratingCount[a]));
        var body = MovieServer.JSON.createObjectNode().put("k", 10);
        var list = body.putArray("ratings");
        float min = s.train().ratingScale().min();
        float max = s.train().ratingScale().max();
        for (int k = 0; k < Math.min(n, idx.length); k++) {
            list.addObject().put("movieId", s.movieId(idx[k])).put("rating", Math.min(max, min + k % 5));
        }
        return body;
    }

    /** Recommendations for an anonymous list of ratings (fold-in); popular ones when the list is empty. */
    Map<String, Object> anonymous(JsonNode body) {
        ModelSnapshot s = state.get();
        int k = body.has("k") ? intField(body, "k", 1, MovieServer.MAX_K) : 10;
        List<String> genres = new ArrayList<>();
        JsonNode g = body.path("genres");
        if (!g.isMissingNode() && !g.isNull()) {
            if (!g.isArray()) {
                throw ApiException.badRequest("genres must be an array of genre names");
            }
            g.forEach(x -> genres.add(x.asText()));
        }
        int yearFrom = body.has("yearFrom") ? intField(body, "yearFrom", 0, 9999) : Integer.MIN_VALUE;
        int yearTo = body.has("yearTo") ? intField(body, "yearTo", 0, 9999) : Integer.MAX_VALUE;
        Query q = new Query(k, true, genres, yearFrom, yearTo, new int[0]);
        IntPredicate filter = filter(s, q);
        JsonNode list = body.path("ratings");
        if (!list.isMissingNode() && !list.isArray()) {
            throw ApiException.badRequest("ratings must be an array of {\"movieId\": ID, \"rating\": R}");
        }
        int n = list.isArray() ? list.size() : 0;
        if (n > MAX_RATINGS_PER_REQUEST) {
            throw ApiException.badRequest("at most " + MAX_RATINGS_PER_REQUEST + " ratings per request, got " + n);
        }
        int[] movies = new int[n];
        float[] ratings = new float[n];
        boolean[] seen = new boolean[s.train().numItems()];
        for (int p = 0; p < n; p++) {
            JsonNode e = list.get(p);
            JsonNode id = e.get("movieId");
            JsonNode key = e.get("key");
            JsonNode r = e.get("rating");
            IdIndex ids = s.train().movies().ids();
            int i;
            String movie;
            if (id == null && key != null && ids.hasNames()) {
                // a catalogue with string ids: the item's id as the data file writes it
                if (!key.isTextual()) {
                    throw ApiException.badRequest("ratings[" + p + "].key must be a string");
                }
                i = ids.indexOfName(key.textValue());
                movie = "'" + MovieServer.clip(key.textValue()) + "'";
                if (i < 0) {
                    throw ApiException.notFound("ratings[" + p + "]: unknown movie " + movie);
                }
            } else {
                if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
                    throw ApiException.badRequest("ratings[" + p + "].movieId must be an integer"
                            + (ids.hasNames() ? " (or give the item's \"key\")" : ""));
                }
                i = s.movieIndex(id.intValue());
                movie = Integer.toString(id.intValue());
                if (i < 0) {
                    throw ApiException.notFound("ratings[" + p + "]: unknown movie " + movie);
                }
            }
            if (r == null || !r.isNumber() || !s.train().ratingScale().isValid(r.floatValue())
                    || r.doubleValue() != r.floatValue()) {
                throw ApiException.badRequest("ratings[" + p + "].rating " + (r == null ? "is missing" : r.asText()
                        + " is off the scale") + "; allowed: " + scale(s.train().ratingScale()));
            }
            if (seen[i]) {
                throw ApiException.badRequest("ratings[" + p + "]: movie " + movie + " is rated twice");
            }
            seen[i] = true;
            movies[p] = i;
            ratings[p] = r.floatValue();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", s.version());
        if (n == 0) {
            out.put("strategy", "popular");
            out.put("recommendations", popular(s, genres, filter, k));
            return out;
        }
        if (!s.all.supportsFoldIn()) {
            throw new ApiException(409, "the model (" + s.model().provenance().algorithm()
                    + ") cannot recommend from a list of ratings (no fold-in)");
        }
        Recommender.Ranked ranked = s.all.recommendFoldIn(movies, ratings, k, null, filter);
        out.put("strategy", s.all.foldInStrategy());
        out.put("recommendations", explain(s, ranked, new Ratings(movies, ratings, new long[n])));
        return out;
    }

    private static int intField(JsonNode body, String name, int min, int max) {
        JsonNode v = body.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw ApiException.badRequest(name + " must be an integer in " + min + ".." + max + ", got "
                    + (v == null ? "nothing" : MovieServer.clip(v.toString())));
        }
        return v.intValue();
    }

    private static IntPredicate filter(ModelSnapshot s, Query q) {
        IntPredicate f = null;
        if (!q.genres().isEmpty()) {
            try {
                f = ItemFilters.anyGenre(s.train().movies(), q.genres());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        if (q.yearFrom() != Integer.MIN_VALUE || q.yearTo() != Integer.MAX_VALUE) {
            if (q.yearFrom() > q.yearTo()) {
                throw ApiException.badRequest("yearFrom " + q.yearFrom() + " is after yearTo " + q.yearTo());
            }
            f = ItemFilters.and(f, ItemFilters.years(s.train().movies(), q.yearFrom(), q.yearTo()));
        }
        return f;
    }

    private static int[] likeItems(ModelSnapshot s, int[] like) {
        int[] out = new int[like.length];
        for (int k = 0; k < like.length; k++) {
            out[k] = requireMovie(s, like[k]);
        }
        return out;
    }

    /** Ratings over dense indices of the current catalogue (movies it lacks are dropped). */
    record Ratings(int[] items, float[] ratings, long[] times) {
        Ratings plusLikes(int[] like, float max) {
            if (like.length == 0) {
                return this;
            }
            int n = items.length;
            int[] it = Arrays.copyOf(items, n + like.length);
            float[] r = Arrays.copyOf(ratings, n + like.length);
            long[] t = Arrays.copyOf(times, n + like.length);
            int m = n;
            outer:
            for (int l : like) {
                for (int q = 0; q < m; q++) {
                    if (it[q] == l) {
                        continue outer;
                    }
                }
                it[m] = l;
                r[m] = max;
                t[m++] = Long.MAX_VALUE;
            }
            return new Ratings(Arrays.copyOf(it, m), Arrays.copyOf(r, m), Arrays.copyOf(t, m));
        }
    }

    private static Ratings ratingsOf(ModelSnapshot s, int[] movieIds, float[] ratings, long[] times) {
        int[] items = new int[movieIds.length];
        float[] r = new float[movieIds.length];
        long[] t = new long[movieIds.length];
        int n = 0;
        for (int k = 0; k < movieIds.length; k++) {
            int i = s.movieIndex(movieIds[k]);
            if (i >= 0) {
                items[n] = i;
                r[n] = ratings[k];
                t[n++] = times[k];
            }
        }
        return new Ratings(Arrays.copyOf(items, n), Arrays.copyOf(r, n), Arrays.copyOf(t, n));
    }

    /** The most popular movies of the given genres (all genres when none), passing the filter. */
    static List<Map<String, Object>> popular(ModelSnapshot s, List<String> genres, IntPredicate filter, int k) {
        IntPredicate f = filter;
        if (!genres.isEmpty()) {
            try {
                f = ItemFilters.and(ItemFilters.anyGenre(s.train().movies(), genres), filter);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        float[] buf = s.popularity.clone();
        int[] items = new int[k];
        float[] scores = new float[k];
        int n = Recommender.select(buf, null, f, new TopK(k), items, scores);
        String reason = genres.isEmpty() ? "popular with everyone" : "popular with fans of " + String.join(", ", genres);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            Map<String, Object> o = movieJson(s, items[q]);
            o.put("score", scores[q]);
            o.put("reason", reason);
            o.put("because", null);
            out.add(o);
        }
        return out;
    }

    /**
     * Each recommended movie with the liked movie most similar to it ("because you liked X"): the
     * user's best-rated movies (at or above 70% of the scale, most liked then most recent first, at
     * most {@link #MAX_EXPLAIN}), by the model's item similarity.
     */
    private static List<Map<String, Object>> explain(ModelSnapshot s, Recommender.Ranked ranked, Ratings r) {
        int n = ranked.size();
        int[] because = new int[n];
        float[] best = new float[n];
        Arrays.fill(because, -1);
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        if (s.similar != null && n > 0) {
            Integer[] order = new Integer[r.items.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Float.compare(r.ratings[b], r.ratings[a]);
                return c != 0 ? c : Long.compare(r.times[b], r.times[a]);
            });
            int used = 0;
            for (int k = 0; k < order.length && used < MAX_EXPLAIN; k++) {
                int j = order[k];
                if (r.ratings[j] < s.likeThreshold) {
                    break;
                }
                used++;
                for (int q = 0; q < n; q++) {
                    float v = s.similar.similarity(r.items[j], ranked.items()[q]);
                    if (v > best[q]) {
                        best[q] = v;
                        because[q] = r.items[j];
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(n);
        // Predicted ratings are shown clipped to the scale, like every shown score (Recommender.clipShown).
        float[] shown = s.all.clipShown(s.train().ratingScale(), ranked).scores();
        for (int q = 0; q < n; q++) {
            Map<String, Object> o = movieJson(s, ranked.items()[q]);
            o.put("score", shown[q]);
            if (because[q] >= 0) {
                // a liked movie that points away from this one is no reason: say so, but still name the nearest
                String t = s.train().movies().title(because[q]);
                o.put("reason", best[q] > 0 ? "because you liked " + t
                        : "rated highly by many viewers (nearest of your favourites: " + t + ")");
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("movieId", s.movieId(because[q]));
                putKey(b, s.train().movies().ids(), because[q]);
                b.put("title", s.train().movies().title(because[q]));
                b.put("similarity", best[q]);
                o.put("because", b);
            } else {
                o.put("reason", "predicted for your ratings");
                o.put("because", null);
            }
            out.add(o);
        }
        return out;
    }
}
