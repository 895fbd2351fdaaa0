package org.movierec.data.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.Movies;

/**
 * Synthetic TMDB links and credits for a {@link SyntheticGenerator} dataset, planted so that they
 * carry signal: movies are grouped by the signs of their true factors along three random directions
 * and by the tercile of their true bias (24 groups), each director makes 2 to 8 movies of one group,
 * and each movie's first three billed cast members come from its group's pool of actors (the fourth,
 * an extra, appears in that movie alone). A model that learns directors and stars can then place a
 * movie no one has rated near the movies it shares them with, as with real credits. Links:
 * {@code imdbId = 100000 + movieId}, {@code tmdbId = 7 * movieId + 11}. Deterministic for a seed.
 */
public final class SyntheticCredits {
    private static final int DIRECTIONS = 3;
    private static final int TERCILES = 3;
    private static final int BILLED = 3;

    private SyntheticCredits() {
    }

    /**
     * The generated dataset with links and credits on its catalogue.
     *
     * @param truth the generator's result
     * @param seed  the seed of the credits
     * @return the dataset, its ratings unchanged
     */
    public static Dataset attach(SyntheticGenerator.Result truth, long seed) {
        Dataset d = truth.dataset();
        Movies m = d.movies();
        int n = m.size();
        float[][] q = truth.itemFactors();
        float[] bias = truth.itemBias();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x7D3BL);
        int k = q.length == 0 ? 0 : q[0].length;
        double[][] dir = new double[DIRECTIONS][k];
        for (double[] r : dir) {
            for (int f = 0; f < k; f++) {
                r[f] = rnd.nextGaussian();
            }
        }
        float[] sorted = bias.clone();
        Arrays.sort(sorted);
        float lowCut = n == 0 ? 0 : sorted[n / TERCILES];
        float highCut = n == 0 ? 0 : sorted[Math.min(n - 1, 2 * n / TERCILES)];
        int groups = (1 << DIRECTIONS) * TERCILES;
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            int g = 0;
            for (int r = 0; r < DIRECTIONS; r++) {
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += dir[r][f] * q[i][f];
                }
                g = 2 * g + (dot >= 0 ? 1 : 0);
            }
            int t = bias[i] < lowCut ? 0 : bias[i] < highCut ? 1 : 2;
            members.get(g * TERCILES + t).add(i);
        }
        String[][] directors = new String[n][];
        String[][] cast = new String[n][];
        int nextDirector = 1;
        int nextActor = 1;
        for (List<Integer> group : members) {
            int pool = Math.max(BILLED + 1, group.size() / 3);
            int firstActor = nextActor;
            nextActor += pool;
            int left = 0;
            String director = null;
            for (int i : group) {
                if (left == 0) {
                    director = "Synthetic Director " + nextDirector++;
                    left = 2 + rnd.nextInt(7);
                }
                directors[i] = new String[] {director};
                left--;
                int[] picks = rnd.ints(0, pool).distinct().limit(BILLED).toArray();
                String[] c = new String[BILLED + 1];
                for (int b = 0; b < BILLED; b++) {
                    c[b] = "Synthetic Actor " + (firstActor + picks[b]);
                }
                c[BILLED] = "Synthetic Extra " + m.ids().externalId(i);
                cast[i] = c;
            }
        }
        int[] imdb = new int[n];
        int[] tmdb = new int[n];
        for (int i = 0; i < n; i++) {
            int id = m.ids().externalId(i);
            imdb[i] = 100_000 + id;
            tmdb[i] = 7 * id + 11;
        }
        List<String> vocab = m.genreVocabulary();
        String[] titles = new String[n];
        int[] years = new int[n];
        long[] genres = new long[n];
        for (int i = 0; i < n; i++) {
            titles[i] = m.title(i);
            years[i] = m.year(i);
            genres[i] = m.genreBits(i);
        }
        Movies linked = new Movies(m.ids(), titles, years, genres, vocab, imdb, tmdb).withCredits(directors, cast);
        return d.withMovies(linked);
    }
}
