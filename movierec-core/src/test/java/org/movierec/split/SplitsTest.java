package org.movierec.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.data.synth.SyntheticGenerator;

class SplitsTest {
    @TempDir
    Path tmp;

    static Dataset synthetic(long seed) {
        return SyntheticGenerator.generate(new SyntheticGenerator.Config(120, 150, 3_000, 4, 0.5, 0.6, 1, false, seed));
    }

    /** Every rating as "user:item" (unique per dataset: no duplicate pairs). */
    static List<String> pairs(Interactions in) {
        List<String> out = new ArrayList<>(in.size());
        for (int p = 0; p < in.size(); p++) {
            out.add(in.user(p) + ":" + in.item(p) + ":" + in.rating(p) + ":" + in.timestamp(p));
        }
        return out;
    }

    static void assertPartition(Dataset parent, Fold f) {
        List<String> all = new ArrayList<>(pairs(f.train().interactions()));
        if (f.validation() != null) {
            all.addAll(pairs(f.validation().interactions()));
        }
        all.addAll(pairs(f.test().interactions()));
        assertThat(all).as("train + validation + test of %s", f.name())
                .containsExactlyInAnyOrderElementsOf(pairs(parent.interactions()));
        assertThat(f.train().users()).isSameAs(parent.users());
        assertThat(f.test().movies()).isSameAs(parent.movies());
    }

    static void assertSameFolds(List<Fold> a, List<Fold> b) {
        assertThat(b).hasSameSizeAs(a);
        for (int k = 0; k < a.size(); k++) {
            assertThat(b.get(k).name()).isEqualTo(a.get(k).name());
            assertThat(b.get(k).train().fingerprint()).isEqualTo(a.get(k).train().fingerprint());
            assertThat(b.get(k).test().fingerprint()).isEqualTo(a.get(k).test().fingerprint());
        }
    }

    @Test
    void randomSplitKeepsTheRatioAndPartitionsTheRatings() throws IOException {
        Dataset d = synthetic(1);
        List<Fold> folds = Splits.random(0.8, 7).folds(d);
        assertThat(folds).hasSize(1);
        Fold f = folds.get(0);
        assertThat(f.name()).isEqualTo("random:0.8");
        assertThat(f.validation()).isNull();
        // 3,000 ratings: round(0.8 * 3000) = 2,400 train, 600 test.
        assertThat(f.train().interactions().size()).isEqualTo(2_400);
        assertThat(f.test().interactions().size()).isEqualTo(600);
        assertPartition(d, f);
    }

    @Test
    void randomSplitIsReproducibleForASeedAndDiffersAcrossSeeds() throws IOException {
        Dataset d = synthetic(1);
        assertSameFolds(Splits.random(0.8, 7).folds(d), Splits.random(0.8, 7).folds(d));
        assertThat(Splits.random(0.8, 8).folds(d).get(0).test().fingerprint())
                .isNotEqualTo(Splits.random(0.8, 7).folds(d).get(0).test().fingerprint());
    }

    @Test
    void kFoldTestsEveryRatingExactlyOnce() throws IOException {
        Dataset d = synthetic(2);
        List<Fold> folds = Splits.kFold(7, 3).folds(d);
        assertThat(folds).hasSize(7);
        Set<String> tested = new HashSet<>();
        int total = 0;
        for (Fold f : folds) {
            assertPartition(d, f);
            int n = f.test().interactions().size();
            // 3,000 / 7 = 428.57: blocks of 428 or 429.
            assertThat(n).isBetween(428, 429);
            total += n;
            tested.addAll(pairs(f.test().interactions()));
        }
        assertThat(total).isEqualTo(3_000);
        assertThat(tested).hasSize(3_000);
        assertThat(folds.get(2).name()).isEqualTo("fold-3/7");
        assertSameFolds(folds, Splits.kFold(7, 3).folds(d));
        assertThat(Splits.kFold(7, 4).folds(d).get(0).test().fingerprint())
                .isNotEqualTo(folds.get(0).test().fingerprint());
    }

    /**
     * u0: 4 ratings, the last two at the same second (movies 5 and 2): movie 5 (higher index) is the latest.
     * u1: 3 ratings. u2: 2 ratings, u3: 1 rating (both stay in train). u4: none.
     */
    static Dataset handMade() {
        Interactions.Builder b = new Interactions.Builder(5, 6, 16);
        b.add(0, 0, 4, 100);
        b.add(0, 1, 3, 200);
        b.add(0, 5, 5, 300);
        b.add(0, 2, 2, 300);
        b.add(1, 3, 1, 50);
        b.add(1, 4, 2, 40);
        b.add(1, 0, 3, 60);
        b.add(2, 1, 4, 10);
        b.add(2, 2, 4, 20);
        b.add(3, 3, 5, 999);
        return new Dataset("hand", Users.withoutDemographics(IdIndex.sequential(5)),
                Movies.idsOnly(IdIndex.sequential(6)), b.build(false), RatingScale.WHOLE_STARS);
    }

    @Test
    void temporalLeaveOneOutTakesTheLatestAsTestAndTheSecondLatestAsValidation() throws IOException {
        Dataset d = handMade();
        Fold f = Splits.temporalLeaveOneOut().folds(d).get(0);
        assertPartition(d, f);
        Interactions test = f.test().interactions();
        Interactions val = f.validation().interactions();
        // u0: ties at t=300 broken by movie index, so movie 5 is test and movie 2 validation.
        assertThat(pairs(test)).containsExactly("0:5:5.0:300", "1:0:3.0:60");
        assertThat(pairs(val)).containsExactly("0:2:2.0:300", "1:3:1.0:50");
        // Users with fewer than 3 ratings keep all of them in train.
        Interactions train = f.train().interactions();
        assertThat(train.userCount(2)).isEqualTo(2);
        assertThat(train.userCount(3)).isEqualTo(1);
        assertThat(train.size()).isEqualTo(6);
    }

    @Test
    void temporalLeaveOneOutOnSyntheticDataHasOneValidationAndTestRatingPerUserWithThreeRatings()
            throws IOException {
        Dataset full = synthetic(3);
        // Every 7th user keeps only their first (u % 3) ratings, so some users have 0, 1 or 2.
        Interactions fi = full.interactions();
        int[] keep = new int[fi.size()];
        int nk = 0;
        for (int u = 0; u < fi.numUsers(); u++) {
            int limit = u % 7 == 0 ? u % 3 : Integer.MAX_VALUE;
            for (int p = fi.userStart(u); p < fi.userEnd(u) && p - fi.userStart(u) < limit; p++) {
                keep[nk++] = p;
            }
        }
        Dataset d = full.withInteractions("trimmed", fi.select(java.util.Arrays.copyOf(keep, nk)));
        Interactions in = d.interactions();
        int eligible = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) >= 3) {
                eligible++;
            }
        }
        assertThat(eligible).isLessThan(in.numUsers()); // the fixture has users with 1 or 2 ratings
        Fold f = Splits.temporalLeaveOneOut().folds(d).get(0);
        assertPartition(d, f);
        assertThat(f.test().interactions().size()).isEqualTo(eligible);
        assertThat(f.validation().interactions().size()).isEqualTo(eligible);
        assertThat(f.train().interactions().size()).isEqualTo(in.size() - 2 * eligible);
        Interactions tr = f.train().interactions();
        Interactions va = f.validation().interactions();
        Interactions te = f.test().interactions();
        for (int u = 0; u < in.numUsers(); u++) {
            if (te.userCount(u) == 0) {
                continue;
            }
            long tTest = te.timestamp(te.userStart(u));
            long tVal = va.timestamp(va.userStart(u));
            assertThat(tVal).isLessThanOrEqualTo(tTest);
            for (int p = tr.userStart(u); p < tr.userEnd(u); p++) {
                assertThat(tr.timestamp(p)).isLessThanOrEqualTo(tVal);
            }
        }
    }

    @Test
    void temporalCutAtAFractionPutsEveryTrainRatingBeforeEveryTestRating() throws IOException {
        Dataset d = synthetic(4);
        Fold f = Splits.parse("temporal:0.8", null, 0).folds(d).get(0);
        assertPartition(d, f);
        long maxTrain = Long.MIN_VALUE;
        for (long t : f.train().interactions().timestampsArray()) {
            maxTrain = Math.max(maxTrain, t);
        }
        long minTest = Long.MAX_VALUE;
        for (long t : f.test().interactions().timestampsArray()) {
            minTest = Math.min(minTest, t);
        }
        assertThat(maxTrain).isLessThan(minTest);
        // Synthetic timestamps are nearly all distinct, so the share is 0.8 up to a few ties.
        assertThat(f.train().interactions().size()).isBetween(2_390, 2_400);
    }

    @Test
    void temporalCutSendsRatingsAtTheCutOffSecondToTest() throws IOException {
        Dataset d = handMade();
        // Sorted timestamps: 10 20 40 50 60 100 200 300 300 999. round(0.8 * 10) = 8 -> cut-off t[8] = 300,
        // so both ratings at 300 are test: train 7, test 3 (300, 300, 999).
        Fold f = TemporalCut.atFraction(0.8).folds(d).get(0);
        assertThat(f.train().interactions().size()).isEqualTo(7);
        assertThat(f.test().interactions().size()).isEqualTo(3);
        assertThat(TemporalCut.atFraction(0.8).cutoff(d)).isEqualTo(300);
    }

    @Test
    void temporalCutAtADateUsesMidnightUtc() throws IOException {
        Dataset d = synthetic(5);
        long cut = Instant.parse("2005-01-01T00:00:00Z").getEpochSecond();
        Fold f = Splits.parse("temporal:2005-01-01", null, 0).folds(d).get(0);
        int before = 0;
        for (long t : d.interactions().timestampsArray()) {
            if (t < cut) {
                before++;
            }
        }
        assertThat(f.train().interactions().size()).isEqualTo(before);
        for (long t : f.test().interactions().timestampsArray()) {
            assertThat(t).isGreaterThanOrEqualTo(cut);
        }
        assertThat(f.name()).isEqualTo("temporal:2005-01-01");
    }

    @Test
    void temporalCutOutsideTheDataIsAnError() {
        // The hand-made timestamps are seconds after 1970-01-01.
        assertThatThrownBy(() -> Splits.parse("temporal:1990-01-01", null, 0).folds(handMade()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty test part");
        assertThatThrownBy(() -> Splits.parse("temporal:1969-12-31", null, 0).folds(handMade()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty train part");
    }

    @Test
    void describeGivesTheSizesInOneLine() throws IOException {
        Fold f = Splits.temporalLeaveOneOut().folds(handMade()).get(0);
        assertThat(f.describe()).isEqualTo("temporal-loo: train 6 ratings / 4 users / 5 movies | validation 2 ratings"
                + " / 2 users / 2 movies | test 2 ratings / 2 users / 2 movies");
    }

    /** Writes the dataset's ratings at the given positions as a u.data-format file in external ids. */
    static void write(Path file, Dataset d, int[] positions) throws IOException {
        StringBuilder sb = new StringBuilder();
        Interactions in = d.interactions();
        for (int p : positions) {
            sb.append(d.users().ids().externalId(in.user(p))).append('\t')
                    .append(d.movies().ids().externalId(in.item(p))).append('\t')
                    .append((int) in.rating(p)).append('\t').append(in.timestamp(p)).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    @Test
    void predefinedSplitReadsBaseAndTestFilesOverTheDatasetsIds() throws IOException {
        Dataset d = synthetic(6);
        int n = d.interactions().size();
        // ua: even positions train, odd test; ub: the reverse.
        int[] even = new int[(n + 1) / 2];
        int[] odd = new int[n / 2];
        for (int p = 0; p < n; p++) {
            if (p % 2 == 0) {
                even[p / 2] = p;
            } else {
                odd[p / 2] = p;
            }
        }
        write(tmp.resolve("ua.base"), d, even);
        write(tmp.resolve("ua.test"), d, odd);
        write(tmp.resolve("ub.base"), d, odd);
        write(tmp.resolve("ub.test"), d, even);
        List<Fold> folds = Splits.parse("ua,ub", tmp, 0).folds(d);
        assertThat(folds).extracting(Fold::name).containsExactly("ua", "ub");
        for (Fold f : folds) {
            assertPartition(d, f);
        }
        assertThat(folds.get(0).test().fingerprint())
                .isEqualTo(d.withInteractions("x", d.interactions().select(odd)).fingerprint());
        assertThat(folds.get(1).train().fingerprint()).isEqualTo(folds.get(0).test().fingerprint());
    }

    @Test
    void predefinedSplitNamesAMissingFile() {
        assertThatThrownBy(() -> Splits.parse("u3", tmp, 0).folds(handMade()))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("u3.base").hasMessageContaining("missing");
    }

    @Test
    void predefinedSplitNamesAFileWithUnknownIds() throws IOException {
        Files.writeString(tmp.resolve("u1.base"), "1\t1\t5\t100\n77\t1\t4\t100\n");
        Files.writeString(tmp.resolve("u1.test"), "1\t2\t5\t100\n");
        assertThatThrownBy(() -> Splits.parse("u1", tmp, 0).folds(handMade()))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("u1.base");
    }

    @Test
    void predefinedSplitNeedsADirectory() {
        assertThatThrownBy(() -> Splits.parse("u1..u5", null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ML-100k directory");
    }

    @Test
    void parseAcceptsEveryDocumentedForm() {
        assertThat(Splits.parse("u1", tmp, 0)).isInstanceOfSatisfying(PredefinedSplit.class,
                s -> assertThat(s.foldNames()).containsExactly("u1"));
        assertThat(Splits.parse("u1..u5", tmp, 0)).isInstanceOfSatisfying(PredefinedSplit.class,
                s -> assertThat(s.foldNames()).containsExactly("u1", "u2", "u3", "u4", "u5"));
        assertThat(Splits.parse("u2..u3", tmp, 0)).isInstanceOfSatisfying(PredefinedSplit.class,
                s -> assertThat(s.foldNames()).containsExactly("u2", "u3"));
        assertThat(Splits.parse("ua,ub", tmp, 0)).isInstanceOfSatisfying(PredefinedSplit.class,
                s -> assertThat(s.foldNames()).containsExactly("ua", "ub"));
        assertThat(Splits.parse("ub", tmp, 0).name()).isEqualTo("ub");
        assertThat(Splits.parse("random:0.8", null, 1)).isInstanceOf(RandomSplit.class);
        assertThat(Splits.parse("random:0.8", null, 1).name()).isEqualTo("random:0.8");
        assertThat(Splits.parse("kfold:5", null, 1).name()).isEqualTo("kfold:5");
        assertThat(Splits.parse("temporal-loo", null, 1)).isInstanceOf(TemporalLeaveOneOut.class);
        assertThat(Splits.parse("temporal:0.8", null, 1).name()).isEqualTo("temporal:0.8");
        assertThat(Splits.parse("temporal:2001-01-01", null, 1).name()).isEqualTo("temporal:2001-01-01");
    }

    @Test
    void parseRejectsAnythingElseNamingTheSpec() {
        for (String bad : new String[] {"u6", "u0..u5", "u5..u1", "random", "random:1.5", "random:x", "kfold:1",
            "kfold:x", "temporal:", "temporal:2001-13-01", "temporal:1.5", "loo", "ua,ua", "ua,foo", ""}) {
            assertThatThrownBy(() -> Splits.parse(bad, tmp, 0)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Splits.parse("bogus:3", tmp, 0)).hasMessageContaining("unknown split 'bogus:3'")
                .hasMessageContaining("temporal-loo");
        assertThatThrownBy(() -> Splits.parse("random:1.5", tmp, 0)).hasMessageContaining("1.5");
    }
}
