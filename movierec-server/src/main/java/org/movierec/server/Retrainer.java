package org.movierec.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Users;
import org.movierec.data.io.DatasetReader;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * Rebuilds a model from the dataset files plus the ratings stored through the API, with the same
 * algorithm and hyperparameters as the model it replaces ({@code movierec retrain} and the admin
 * call). Stored users join the dataset under their store ids (which never collide with MovieLens
 * ids); ratings of movies outside the catalogue are skipped. The merged users carry no
 * demographics.
 */
public final class Retrainer {
    private Retrainer() {
    }

    /** The result: the new model and the data it was trained on. */
    public record Result(Model model, Dataset train, int storedRatings, int skipped) {
    }

    /** The dataset at {@code dataDir} plus {@code stored}. */
    public static Result retrain(Model previous, Path dataDir, List<Store.Rating> stored) throws IOException {
        Dataset base = DatasetReader.read(dataDir);
        Merged m = merge(base, stored);
        Trainer<?> trainer = AlgorithmRegistry.create(previous.provenance().algorithm(), previous.provenance().hyperparameters());
        Model model = Training.fit(trainer, m.dataset, null, "all+stored", ProgressListener.NONE);
        return new Result(model, m.dataset, m.added, m.skipped);
    }

    /** Retrains and saves atomically to {@code out} (a running server picks it up on reload). */
    public static Result retrainTo(Path modelFile, Path dataDir, List<Store.Rating> stored, Path out) throws IOException {
        Model previous = ModelIO.load(modelFile).model();
        Result r = retrain(previous, dataDir, stored);
        ModelIO.save(r.model(), r.train(), out);
        return r;
    }

    record Merged(Dataset dataset, int added, int skipped) {
    }

    static Merged merge(Dataset base, List<Store.Rating> stored) {
        IdIndex baseUsers = base.users().ids();
        int nb = baseUsers.size();
        // stored users not in the base, in the order of their ids
        long[] newIds = stored.stream().mapToLong(Store.Rating::userId).distinct()
                .filter(id -> id > Integer.MAX_VALUE || baseUsers.indexOf((int) id) < 0).sorted().toArray();
        int[] ext = new int[nb + newIds.length];
        for (int u = 0; u < nb; u++) {
            ext[u] = baseUsers.externalId(u);
        }
        for (int k = 0; k < newIds.length; k++) {
            if (newIds[k] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("stored user id " + newIds[k] + " does not fit a dataset id");
            }
            ext[nb + k] = (int) newIds[k];
        }
        IdIndex users = IdIndex.of(ext);
        Interactions in = base.interactions();
        Interactions.Builder b = new Interactions.Builder(ext.length, base.numItems(), in.size() + stored.size());
        for (int p = 0; p < in.size(); p++) {
            b.add(in.user(p), in.item(p), in.rating(p), in.timestamp(p));
        }
        int added = 0;
        int skipped = 0;
        for (Store.Rating r : stored) {
            int i = base.movies().ids().indexOf(r.movieId());
            if (i < 0 || !base.ratingScale().isValid(r.rating())) {
                skipped++;
                continue;
            }
            b.add(users.indexOf((int) r.userId()), i, r.rating(), r.timestamp());
            added++;
        }
        Dataset d = new Dataset(base.name() + "+stored", Users.withoutDemographics(users), base.movies(),
                b.build(true), base.ratingScale());
        return new Merged(d, added, skipped);
    }
}
