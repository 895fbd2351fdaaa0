package org.movierec.server;

import java.io.IOException;
import java.nio.file.Path;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.SimilarItems;
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

    ModelSnapshot(String version, Model model, Dataset train) {
        this.version = version;
        this.model = model;
        this.train = train;
        int ni = train.numItems();
        this.unseen = Recommender.of(model, ni, train.interactions());
        this.all = Recommender.of(model, ni, null);
        this.similar = model instanceof SimilarItems s ? s : null;
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
