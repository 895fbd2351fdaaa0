package org.movierec.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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

    /**
     * {@link #twoBlocks()} plus dislikes: every user of one block also rates the movies at offsets
     * {@code (u+2), (u+5) mod 10} of the other block with 1 star (each other-block movie gets two such
     * ratings). The known answer is the same (a user's best unrated movie is in their own block), and now
     * rating models can see it too: in the plain fixture every observed rating is a 4 or a 5, so nothing
     * in a squared error says how a user would rate the other block.
     */
    public static Dataset twoBlocksWithDislikes() {
        Dataset base = twoBlocks();
        Interactions in = base.interactions();
        Interactions.Builder b = new Interactions.Builder(in.numUsers(), in.numItems(), in.size() + 40);
        for (int p = 0; p < in.size(); p++) {
            b.add(in.user(p), in.item(p), in.rating(p), in.timestamp(p));
        }
        for (int u = 0; u < 20; u++) {
            int other = u < 10 ? 10 : 0;
            b.add(u, other + (u + 2) % 10, 1f, 2_000_000L + u);
            b.add(u, other + (u + 5) % 10, 1f, 2_000_100L + u);
        }
        return base.withInteractions("two-blocks-dislikes", b.build(false));
    }

    /** Environment variable naming the ML-100k directory. */
    public static final String DATA_ENV = "MOVIEREC_DATA";
    /** System property that turns a missing ML-100k into a test failure ({@code .ci/run} sets it). */
    public static final String REQUIRE_DATA = "movierec.requireData";

    /**
     * The real ML-100k directory, or null: {@code MOVIEREC_DATA} when it is set (and then only it), else
     * the first {@code shared/datasets/ml-100k} beside or inside the working directory or one above it.
     */
    public static Path ml100k() {
        String env = System.getenv(DATA_ENV);
        if (env != null && !env.isBlank()) {
            return Files.exists(Path.of(env, "u.data")) ? Path.of(env) : null;
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

    /**
     * Whether tests must not skip for missing real data: under {@code -Dmovierec.requireData=true}
     * (what {@code .ci/run} passes) or when the environment says {@code CI=true}.
     */
    public static boolean dataRequired() {
        return Boolean.getBoolean(REQUIRE_DATA) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The real ML-100k directory for a test that needs it. Without the data the test is skipped with
     * {@link #NO_ML100K} (and the place looked at), except where {@link #dataRequired()}: there it fails,
     * so that CI cannot pass by skipping the real-data tests.
     */
    public static Path requireMl100k() {
        Path dir = ml100k();
        if (dir != null) {
            return dir;
        }
        String env = System.getenv(DATA_ENV);
        String where = env == null || env.isBlank() ? "" : " (" + DATA_ENV + "=" + env + " has no u.data)";
        if (dataRequired()) {
            throw new AssertionError(NO_ML100K + where + "; this run requires it (" + REQUIRE_DATA
                    + "=true or CI=true)");
        }
        Assumptions.abort(NO_ML100K + where);
        return null; // not reached
    }

    /** Message for tests skipped when ML-100k is absent. */
    public static final String NO_ML100K = "real ML-100k not found: set MOVIEREC_DATA to an ml-100k directory "
            + "(or place it at ../shared/datasets/ml-100k) to run this test";
}
