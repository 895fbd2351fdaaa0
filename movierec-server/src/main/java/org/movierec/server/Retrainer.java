package org.movierec.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.Users;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * Rebuilds a model from the dataset files plus the ratings stored through the API, with the same
 * algorithm and hyperparameters as the model it replaces ({@code movierec retrain} and the admin
 * call). Stored users join the dataset under their store ids (from {@link Store#FIRST_USER_ID}; a
 * dataset user with one of those ids is an error, never a merge); ratings of movies no longer in
 * the catalogue, or off its rating scale, are skipped and counted. The merged users carry no
 * demographics.
 *
 * <p>Movie ids stay what the server's clients and its store already hold. MovieLens ids are the
 * files' own; a user's own data with string ids (a shop's {@code sku}) gets int ids by the order of
 * the names ({@link IdIndex#named}), which a new item would shift, so the retrained catalogue gives
 * every item the served model knew its old int id, and new items ids after the largest one.
 */
public final class Retrainer {
    private Retrainer() {
    }

    /** The result: the new model and the data it was trained on. */
    public record Result(Model model, Dataset train, int storedRatings, int skipped) {
    }

    /**
     * Retrains on {@code base} plus {@code stored}.
     *
     * @param previous      the served model (its algorithm and hyperparameters are reused)
     * @param previousTrain the data it was trained on (whose movie ids the store's ratings use)
     * @param base          the dataset read again from its files
     * @param stored        the ratings stored through the API
     * @return the new model and its training data
     * @throws IllegalArgumentException when a dataset user has a store user's id
     */
    public static Result retrain(Model previous, Dataset previousTrain, Dataset base, List<Store.Rating> stored) {
        Merged m = merge(previousTrain, base, stored);
        Trainer<?> trainer = AlgorithmRegistry.create(previous.provenance().algorithm(), previous.provenance().hyperparameters());
        Model model = Training.fit(trainer, m.dataset, null, "all+stored", ProgressListener.NONE);
        return new Result(model, m.dataset, m.added, m.skipped);
    }

    static Result retrain(ModelSnapshot served, Dataset base, List<Store.Rating> stored) {
        return retrain(served.model(), served.train(), base, stored);
    }

    /** Retrains and saves atomically to {@code out} (a running server picks it up on reload). */
    public static Result retrainTo(Path modelFile, DataSource data, List<Store.Rating> stored, Path out)
            throws IOException {
        ModelIO.Saved previous = ModelIO.load(modelFile);
        Result r = retrain(previous.model(), previous.train(), data.read(), stored);
        ModelIO.save(r.model(), r.train(), out);
        return r;
    }

    record Merged(Dataset dataset, int added, int skipped) {
    }

    static Merged merge(Dataset previousTrain, Dataset base, List<Store.Rating> stored) {
        Movies movies = keepMovieIds(previousTrain.movies().ids(), base.movies());
        IdIndex baseUsers = base.users().ids();
        int nb = baseUsers.size();
        // stored users in the order of their ids
        long[] newIds = stored.stream().mapToLong(Store.Rating::userId).distinct().sorted().toArray();
        int[] ext = new int[nb + newIds.length];
        for (int u = 0; u < nb; u++) {
            ext[u] = baseUsers.externalId(u);
        }
        for (int k = 0; k < newIds.length; k++) {
            if (newIds[k] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("stored user id " + newIds[k] + " does not fit a dataset id");
            }
            int clash = baseUsers.indexOf((int) newIds[k]);
            if (clash >= 0) {
                throw new IllegalArgumentException("dataset user '" + baseUsers.name(clash) + "' has the id "
                        + newIds[k] + ", which the store gave to one of its users (store ids start at "
                        + Store.FIRST_USER_ID + "); retraining would merge the two");
            }
            ext[nb + k] = (int) newIds[k];
        }
        IdIndex users;
        if (baseUsers.hasNames()) {
            String[] names = new String[ext.length];
            for (int u = 0; u < ext.length; u++) {
                names[u] = u < nb ? baseUsers.name(u) : Integer.toString(ext[u]);
            }
            users = IdIndex.named(ext, names);
        } else {
            users = IdIndex.of(ext);
        }
        Interactions in = base.interactions();
        Interactions.Builder b = new Interactions.Builder(ext.length, base.numItems(), in.size() + stored.size());
        for (int p = 0; p < in.size(); p++) {
            b.add(in.user(p), in.item(p), in.rating(p), in.timestamp(p));
        }
        int added = 0;
        int skipped = 0;
        for (Store.Rating r : stored) {
            int i = movies.ids().indexOf(r.movieId());
            if (i < 0 || !base.ratingScale().isValid(r.rating())) {
                skipped++;
                continue;
            }
            b.add(users.indexOf((int) r.userId()), i, r.rating(), r.timestamp());
            added++;
        }
        Dataset d = new Dataset(base.name() + "+stored", Users.withoutDemographics(users), movies,
                b.build(true), base.ratingScale(), base.feedback());
        return new Merged(d, added, skipped);
    }

    /**
     * {@code current} with the int ids of {@code served} for every string id both know, and ids after
     * the largest served one for the rest; unchanged when the ids are not strings.
     */
    static Movies keepMovieIds(IdIndex served, Movies current) {
        IdIndex now = current.ids();
        if (!now.hasNames()) {
            return current;
        }
        int next = 0;
        for (int i = 0; i < served.size(); i++) {
            next = Math.max(next, served.externalId(i));
        }
        int[] ext = new int[now.size()];
        String[] names = now.names();
        boolean same = served.hasNames() && served.size() == now.size();
        for (int i = 0; i < ext.length; i++) {
            int old = served.hasNames() ? served.indexOfName(names[i]) : -1;
            if (old >= 0) {
                ext[i] = served.externalId(old);
            } else {
                if (next == Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("no int id left for new item '" + names[i] + "'");
                }
                ext[i] = ++next;
            }
            same &= ext[i] == now.externalId(i);
        }
        return same ? current : current.withIds(IdIndex.named(ext, names));
    }
}
