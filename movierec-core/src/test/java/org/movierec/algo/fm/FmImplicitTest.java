package org.movierec.algo.fm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.util.ProgressListener;

/** The per-user implicit-block sampler against the plain one that materializes the block in every row. */
class FmImplicitTest {
    @Test
    void relationalSamplerFollowsTheMaterializedChain() {
        Dataset d = SyntheticGenerator.generate(new SyntheticGenerator.Config(60, 80, 1_500, 3, 0.5, 0.5, 5, false, 9));
        // Two sweeps, both collected: the same random draws in the same order, so the two chains
        // differ only by floating-point rounding of the incremental per-user sums.
        FactorizationMachine.Config c = FactorizationMachine.Config.DEFAULTS
                .withFeatures("user,movie,genres,occupation,implicit").withSweeps(0, 2).withSeed(5);
        FactorizationMachine fm = new FactorizationMachine(c);
        FactorizationMachine.Model relational = fm.fit(d, ProgressListener.NONE, true);
        FactorizationMachine.Model materialized = fm.fit(d, ProgressListener.NONE, false);
        double maxDiff = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            for (int i = 0; i < d.numItems(); i++) {
                maxDiff = Math.max(maxDiff, Math.abs(relational.predict(u, i) - materialized.predict(u, i)));
                assertThat(relational.predict(u, i)).as("user %d movie %d", u, i)
                        .isCloseTo(materialized.predict(u, i), within(2e-3f));
            }
        }
        // Not trivially equal because the block was ignored: it must change predictions.
        FactorizationMachine.Model without = new FactorizationMachine(c.withFeatures("user,movie,genres,occupation"))
                .fit(d, ProgressListener.NONE, true);
        double moved = 0;
        for (int i = 0; i < d.numItems(); i++) {
            moved = Math.max(moved, Math.abs(without.predict(0, i) - relational.predict(0, i)));
        }
        assertThat(moved).isGreaterThan(100 * maxDiff + 1e-3);
    }
}
