package org.movierec.report;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.RatingPredictor;
import org.movierec.model.TrainingHistory;
import org.movierec.rec.Recommender;

/** What the experiment report takes from saved models: learning curves and top-N examples. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** One loaded model file's contribution. */
    public record Loaded(List<ExperimentData.Curve> curves, List<ExperimentData.Example> examples) {
    }

    /**
     * Loads a model file and returns its learning curve (when its provenance stores one) and its top
     * {@code n} for the given external user ids (the first {@code defaultUsers} users of its training
     * data when {@code userIds} is empty).
     */
    public static Loaded load(Path file, int[] userIds, int defaultUsers, int n) throws IOException {
        ModelIO.Saved saved = ModelIO.load(file);
        Model model = saved.model();
        String label = model.provenance().algorithm() + " (" + file.getFileName() + ")";
        List<ExperimentData.Curve> curves = new ArrayList<>();
        TrainingHistory h = history(model.provenance());
        if (h.isEmpty()) {
            h = history(model);
        }
        if (!h.isEmpty()) {
            curves.add(new ExperimentData.Curve(label, h));
        }
        return new Loaded(curves, examples(label, model, saved.train(), userIds, defaultUsers, n));
    }

    /**
     * The training history a provenance (or model) carries, found by type rather than by name: the
     * history is being added to {@code Provenance} while this module is written, so it is read through
     * any public no-argument method returning {@link TrainingHistory}; none found means no history.
     */
    static TrainingHistory history(Object o) {
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && TrainingHistory.class.isAssignableFrom(m.getReturnType())) {
                try {
                    TrainingHistory h = (TrainingHistory) m.invoke(o);
                    return h == null ? TrainingHistory.EMPTY : h;
                } catch (IllegalAccessException | InvocationTargetException e) {
                    return TrainingHistory.EMPTY;
                }
            }
        }
        return TrainingHistory.EMPTY;
    }

    static List<ExperimentData.Example> examples(String label, Model model, Dataset train, int[] userIds,
                                                 int defaultUsers, int n) {
        ItemScorer scorer = scorer(model, train.numItems());
        if (scorer == null) {
            return List.of();
        }
        Interactions seen = train.interactions();
        Recommender rec = new Recommender(scorer, seen);
        int[] users = userIds;
        if (users.length == 0) {
            List<Integer> first = new ArrayList<>();
            for (int u = 0; u < train.numUsers() && first.size() < defaultUsers; u++) {
                if (seen.userCount(u) > 0) {
                    first.add(train.users().ids().externalId(u));
                }
            }
            users = first.stream().mapToInt(Integer::intValue).toArray();
        }
        List<ExperimentData.Example> out = new ArrayList<>();
        for (int ext : users) {
            int u = train.users().ids().indexOf(ext);
            if (u < 0) {
                throw new IllegalArgumentException("user " + ext + " is not in the training data of " + label);
            }
            Recommender.Ranked r = rec.clipShown(train.ratingScale(), rec.recommend(u, n));
            List<String> titles = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int j = 0; j < r.size(); j++) {
                titles.add(train.movies().title(r.items()[j]));
                scores.add((double) r.scores()[j]);
            }
            out.add(new ExperimentData.Example(label, ext, liked(train, u, 3), titles, scores));
        }
        return out;
    }

    /** The user's {@code k} highest-rated movies (latest first among equal ratings), with their ratings. */
    static List<String> liked(Dataset train, int u, int k) {
        Interactions in = train.interactions();
        int start = in.userStart(u);
        int end = in.userEnd(u);
        List<String> out = new ArrayList<>();
        boolean[] taken = new boolean[end - start];
        for (int j = 0; j < k && j < end - start; j++) {
            int best = -1;
            for (int p = end - 1; p >= start; p--) {
                if (!taken[p - start] && (best < 0 || in.rating(p) > in.rating(best))) {
                    best = p;
                }
            }
            taken[best - start] = true;
            out.add(train.movies().title(in.item(best)) + " " + Fmt.star(in.rating(best)) + "★");
        }
        return out;
    }

    /** The model as a scorer: its own ranking, or its predicted rating of every movie; null if neither. */
    static ItemScorer scorer(Model model, int numItems) {
        if (model instanceof ItemScorer s) {
            return s;
        }
        if (model instanceof RatingPredictor rp) {
            return new ItemScorer() {
                @Override
                public void scoreAll(int user, float[] out) {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = rp.predict(user, i);
                    }
                }

                @Override
                public int numItems() {
                    return numItems;
                }
            };
        }
        return null;
    }
}
