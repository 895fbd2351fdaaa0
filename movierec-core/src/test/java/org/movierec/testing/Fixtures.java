package org.movierec.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/** Small datasets with known structure, and the location of the real ML-100k for tests that need it. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Two taste groups: users 0..9 rate only movies 0..9, users 10..19 only movies 10..19, each user
     * rating every in-block movie except the three at offsets {@code (u+1), (u+4), (u+7) mod 10} of
     * their block. Ratings are 5 for even and 4 for odd movie offsets. User 20 and movie 20 exist but
     * have no ratings (cold start).
     *
     * <p>The known answer: a personalized model recommends a user an unrated movie of their own block
     * first.
     */
    public static Dataset twoBlocks() {
        int nu = 21;
        int nm = 21;
        Interactions.Builder b = new Interactions.Builder(nu, nm, 200);
        for (int u = 0; u < 20; u++) {
            int block = u < 10 ? 0 : 10;
            int uo = u % 10;
            for (int o = 0; o < 10; o++) {
                if (o == (uo + 1) % 10 || o == (uo + 4) % 10 || o == (uo + 7) % 10) {
                    continue;
                }
                b.add(u, block + o, o % 2 == 0 ? 5f : 4f, 1_000_000L + u * 100L + o);
            }
        }
        String[] titles = new String[nm];
        for (int i = 0; i < nm; i++) {
            titles[i] = "Movie " + (i + 1) + " (2000)";
        }
        long[] genres = new long[nm];
        for (int i = 0; i < nm; i++) {
            genres[i] = i < 10 ? 1L : 2L;
        }
        Movies movies = new Movies(IdIndex.sequential(nm), titles, new int[nm], genres, List.of("A", "B"), null, null);
        Users users = Users.withoutDemographics(IdIndex.sequential(nu));
        return new Dataset("two-blocks", users, movies, b.build(false), RatingScale.WHOLE_STARS);
    }

    /** The real ML-100k directory ({@code MOVIEREC_DATA} or {@code ../shared/datasets/ml-100k}), or null. */
    public static Path ml100k() {
        String env = System.getenv("MOVIEREC_DATA");
        if (env != null && Files.exists(Path.of(env, "u.data"))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("datasets").resolve("ml-100k");
            if (Files.exists(c.resolve("u.data"))) {
                return c;
            }
            Path d = p.resolve("shared").resolve("datasets").resolve("ml-100k");
            if (Files.exists(d.resolve("u.data"))) {
                return d;
            }
        }
        return null;
    }

    /** Message for tests skipped when ML-100k is absent. */
    public static final String NO_ML100K = "real ML-100k not found: set MOVIEREC_DATA to an ml-100k directory "
            + "(or place it at ../shared/datasets/ml-100k) to run this test";
}
