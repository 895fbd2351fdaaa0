package org.movierec.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.SimilarItems;
import org.movierec.rec.NeighbourFoldIn;
import org.movierec.rec.Recommender;

/**
 * Everything one model version serves, immutable: the model, its training data (catalogue, user
 * ids, what each user rated), the recommenders, per-movie statistics and the title index. The
 * server holds the current snapshot in one atomic reference and every request reads it once, so a
 * swap never mixes two models in one answer.
 */
public final class ModelSnapshot {
    final String version;
    final Model model;
    final Dataset train;
    /** Excludes what a user of the model rated. */
    final Recommender unseen;
    /** Excludes nothing. */
    final Recommender all;
    /** Null when the model has no item similarities. */
    final SimilarItems similar;
    final int[] ratingCount;
    final float[] meanRating;
    /** Damped mean rating times log(1 + count): the order of "popular" lists. */
    final float[] popularity;
    final TitleSearch search;
    final float likeThreshold;
    /**
     * The top {@link MovieServer#MAX_K} unseen movies of each user of the model asked for so far,
     * unfiltered: a user of the training data never changes and neither does this snapshot's model,
     * so a list is computed once and every later request for that user (any k up to the maximum,
     * seen movies excluded, no filter) reads its first k. At most {@link #maxCachedUsers} users
     * (about 64 MiB); off with {@code -Dmovierec.server.resultCache=false}.
     */
    private final ConcurrentHashMap<Integer, Recommender.Ranked> topOfUser = new ConcurrentHashMap<>();
    private final int maxCachedUsers;

    ModelSnapshot(String version, Model model, Dataset train) {
        this.version = version;
        this.model = model;
        this.train = train;
        int ni = train.numItems();
        Recommender own = Recommender.of(model, ni, train.interactions());
        // Models that cannot place a new user (neural, FM, blend) borrow similar training users' lists.
        NeighbourFoldIn neighbours = NeighbourFoldIn.unlessModelFoldsIn(own, train.interactions());
        this.unseen = own.withFallbackFoldIn(neighbours);
        this.all = Recommender.of(model, ni, null).withFallbackFoldIn(neighbours);
        this.similar = model instanceof SimilarItems s ? s : null;
        this.maxCachedUsers = Boolean.parseBoolean(System.getProperty("movierec.server.resultCache", "true"))
                ? (int) Math.min(train.numUsers(), (64L << 20) / (8L * MovieServer.MAX_K)) : 0;
        Interactions in = train.interactions();
        ratingCount = new int[ni];
        double[] sum = new double[ni];
        double total = 0;
        for (int p = 0; p < in.size(); p++) {
            ratingCount[in.item(p)]++;
            sum[in.item(p)] += in.rating(p);
            total += in.rating(p);
        }
        double mu = in.size() == 0 ? 0 : total / in.size();
        meanRating = new float[ni];
        popularity = new float[ni];
        for (int i = 0; i < ni; i++) {
            meanRating[i] = ratingCount[i] == 0 ? 0f : (float) (sum[i] / ratingCount[i]);
            // Bayesian average with 10 pseudo-ratings at the global mean, weighted by log popularity
            double damped = (sum[i] + 10 * mu) / (ratingCount[i] + 10);
            popularity[i] = (float) (damped * Math.log1p(ratingCount[i]));
        }
        this.search = new TitleSearch(train.movies(), popularity);
        var scale = train.ratingScale();
        this.likeThreshold = scale.min() + 0.7f * (scale.max() - scale.min());
    }

    /**
     * The first {@code k} of user {@code mu}'s unseen movies, as {@code unseen.recommend(mu, k, null,
     * null)} gives them (the same items and scores: a top-k list is the prefix of the longer list,
     * ties going to the lower index in both), from the cache when there is room.
     */
    Recommender.Ranked topUnseen(int mu, int k) {
        Recommender.Ranked full = topOfUser.get(mu);
        if (full == null) {
            if (topOfUser.size() >= maxCachedUsers) {
                return unseen.recommend(mu, k, null, null);
            }
            full = topOfUser.computeIfAbsent(mu, u -> unseen.recommend(u, MovieServer.MAX_K, null, null));
        }
        int n = Math.min(k, full.size());
        return new Recommender.Ranked(Arrays.copyOf(full.items(), n), Arrays.copyOf(full.scores(), n));
    }

    /** Loads a model file; {@code version} names it in answers and metrics. */
    static ModelSnapshot load(Path file, String version) throws IOException {
        ModelIO.Saved saved = ModelIO.load(file);
        return new ModelSnapshot(version, saved.model(), saved.train());
    }

    public String version() {
        return version;
    }

    public Model model() {
        return model;
    }

    public Dataset train() {
        return train;
    }

    int movieIndex(int movieId) {
        return train.movies().ids().indexOf(movieId);
    }

    int movieId(int index) {
        return train.movies().ids().externalId(index);
    }
}
