package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Expected values: worked by hand where the arithmetic is short (in the comments), otherwise computed
 * with scipy 1.17.1 on the development machine ({@code scipy.special.betainc}, {@code gammaln},
 * {@code erfc}, {@code scipy.stats.t.sf}, {@code norm.sf}, {@code ttest_rel}, {@code wilcoxon}); the
 * call is given beside each.
 */
class SignificanceTest {
    @Test
    void specialFunctionsMatchReferenceValues() {
        // ln Gamma(1/2) = ln sqrt(pi) = 0.5723649429247001; ln 9! = ln 362880 = 12.801827480081469.
        assertThat(Significance.logGamma(0.5)).isCloseTo(0.5723649429247001, within(1e-13));
        assertThat(Significance.logGamma(10)).isCloseTo(12.801827480081469, within(1e-12));
        assertThat(Significance.logGamma(100.5)).isCloseTo(361.43554046777757, within(1e-10)); // gammaln(100.5)
        // I_x(3, 4) is a polynomial: sum_{j=3..6} C(6, j) x^j (1-x)^(6-j) at x = 0.2:
        // 20*0.008*0.512 + 15*0.0016*0.64 + 6*0.00032*0.8 + 0.000064 = 0.08192 + 0.01536 + 0.001536 + 0.000064 = 0.09888.
        assertThat(Significance.regularizedBeta(0.2, 3, 4)).isCloseTo(0.09888, within(1e-14));
        // I_{1/2}(1/2, 1/2) = 1/2 by symmetry.
        assertThat(Significance.regularizedBeta(0.5, 0.5, 0.5)).isCloseTo(0.5, within(1e-14));
        assertThat(Significance.regularizedBeta(0.3, 2.5, 0.5)).isCloseTo(0.018927124071945658, within(1e-14)); // betainc(2.5,0.5,0.3)
        assertThat(Significance.regularizedBeta(0.95, 10, 0.5)).isCloseTo(0.31715157546554495, within(1e-13)); // betainc(10,0.5,0.95)
        assertThat(Significance.erfc(0.5)).isCloseTo(0.4795001221869535, within(1e-14));
        assertThat(Significance.erfc(2.0)).isCloseTo(0.004677734981047266, within(1e-16));
        assertThat(Significance.erfc(-1.0)).isCloseTo(1.8427007929497148, within(1e-14));
    }

    @Test
    void distributionTailsMatchReferenceValues() {
        // Student's t with 1 df is Cauchy: P(|T| >= 1) = 1 - 2 atan(1)/pi = 1/2.
        assertThat(Significance.studentTTwoSided(1.0, 1)).isCloseTo(0.5, within(1e-14));
        assertThat(Significance.studentTTwoSided(2.0, 5)).isCloseTo(0.10193947882985835, within(1e-14)); // 2*t.sf(2,5)
        assertThat(Significance.studentTTwoSided(-3.5, 30)).isCloseTo(0.0014768074376442532, within(1e-15));
        assertThat(Significance.studentTTwoSided(10, 200) / 2.3774831444207646e-19).isCloseTo(1, within(1e-9));
        assertThat(Significance.normalTwoSided(1.96)).isCloseTo(0.04999579029644087, within(1e-15));
        assertThat(Significance.normalTwoSided(-0.5)).isCloseTo(0.6170750774519738, within(1e-14));
        assertThat(Significance.normalTwoSided(6.0) / 1.973175290075389e-09).isCloseTo(1, within(1e-9));
    }

    @Test
    void pairedTTest() {
        double[] a = {0.62, 0.40, 0.55, 0.71, 0.30, 0.48, 0.52, 0.66};
        double[] b = {0.70, 0.38, 0.61, 0.80, 0.41, 0.47, 0.60, 0.69};
        // scipy.stats.ttest_rel(b, a): t = 3.110806324325062, p = 0.017061929306623126, df 7.
        Significance.TTest t = Significance.pairedT(a, b);
        assertThat(t.n()).isEqualTo(8);
        assertThat(t.df()).isEqualTo(7);
        assertThat(t.meanDiff()).isCloseTo(0.0525, within(1e-12)); // (0.08-0.02+0.06+0.09+0.11-0.01+0.08+0.03)/8
        assertThat(t.t()).isCloseTo(3.110806324325062, within(1e-10));
        assertThat(t.p()).isCloseTo(0.017061929306623126, within(1e-12));
        // Swapping the samples flips t, not p.
        assertThat(Significance.pairedT(b, a).p()).isCloseTo(t.p(), within(1e-15));
    }

    @Test
    void pairedTTestEdgeCases() {
        // All differences 0: no evidence, p = 1. All equal and non-zero: p = 0. One pair: undefined.
        assertThat(Significance.pairedT(new double[] {1, 2, 3}, new double[] {1, 2, 3}).p()).isEqualTo(1);
        assertThat(Significance.pairedT(new double[] {1, 2, 3}, new double[] {2, 3, 4}).p()).isEqualTo(0);
        assertThat(Significance.pairedT(new double[] {1}, new double[] {2}).p()).isNaN();
        assertThatThrownBy(() -> Significance.pairedT(new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("differ in length");
    }

    @Test
    void wilcoxonExactByHand() {
        // Three positive untied differences: W+ = 1 + 2 + 3 = 6, the largest of 2^3 = 8 equally likely
        // sign patterns, so P(W+ >= 6) = 1/8 and p = 2/8.
        Significance.WilcoxonTest w = Significance.wilcoxon(new double[] {0, 0, 0}, new double[] {0.1, 0.3, 0.2});
        assertThat(w.exact()).isTrue();
        assertThat(w.wPlus()).isEqualTo(6);
        assertThat(w.p()).isCloseTo(0.25, within(1e-15));
        // n = 4, d = (+1, -2, +3, +4): W+ = 1 + 3 + 4 = 8 of max 10. Subsets of {1,2,3,4} with rank sum
        // >= 8: {1,3,4} = 8, {2,3,4} = 9, {1,2,3,4} = 10, so P(W+ >= 8) = 3/16 and p = 2 * 3/16 = 0.375.
        w = Significance.wilcoxon(new double[] {0, 0, 0, 0}, new double[] {1, -2, 3, 4});
        assertThat(w.wPlus()).isEqualTo(8);
        assertThat(w.p()).isCloseTo(0.375, within(1e-15));
    }

    @Test
    void wilcoxonExactMatchesScipy() {
        double[] d = {0.6456, 1.1216, 0.6304, -1.0032, 1.2054, 0.7464, -0.237, 0.8811, 0.6646, 0.5941, 0.3284, 0.8467,
            -0.4365, 0.1371, -0.1821, 0.8988, 0.3397, 0.0075, -0.4819, 0.0428};
        // scipy.stats.wilcoxon(d, method='exact'): statistic min(W+, W-) = 44, p = 0.021484375.
        Significance.WilcoxonTest w = Significance.wilcoxon(new double[d.length], d);
        assertThat(w.exact()).isTrue();
        assertThat(Math.min(w.wPlus(), 210 - w.wPlus())).isEqualTo(44);
        assertThat(w.p()).isCloseTo(0.021484375, within(1e-15));
    }

    @Test
    void wilcoxonNormalApproximationWithTiesAndZeros() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        double[] b = {2, 2, 5, 3, 7, 6, 9, 9, 8, 13, 12, 12};
        // d = (1, 0, 2, -1, 2, 0, 2, 1, -1, 3, 1, 0): three zeros dropped, n = 9.
        // |d| sorted: five 1s (ranks 1..5, mid-rank 3), three 2s (ranks 6..8, mid-rank 7), one 3 (rank 9).
        // Negative: two 1s, W- = 6, W+ = 45 - 6 = 39. E = 9*10/4 = 22.5.
        // Var = 9*10*19/24 - ((5^3-5) + (3^3-3))/48 = 71.25 - 144/48 = 68.25.
        // z = 16.5 / sqrt(68.25) = 1.997250; p = erfc(z/sqrt2) = 0.045797938810819776
        // (scipy.stats.wilcoxon(d, method='asymptotic'), no continuity correction).
        Significance.WilcoxonTest w = Significance.wilcoxon(a, b);
        assertThat(w.exact()).isFalse();
        assertThat(w.n()).isEqualTo(9);
        assertThat(w.zeros()).isEqualTo(3);
        assertThat(w.wPlus()).isEqualTo(39);
        assertThat(w.z()).isCloseTo(16.5 / Math.sqrt(68.25), within(1e-12));
        assertThat(w.p()).isCloseTo(0.045797938810819776, within(1e-13));
        // t-test on the same pairs: scipy.stats.ttest_rel(b, a): p = 0.043699584804600115.
        assertThat(Significance.pairedT(a, b).p()).isCloseTo(0.043699584804600115, within(1e-12));
    }

    /** Above 50 non-zero differences the normal approximation is used even without ties. */
    @Test
    void wilcoxonLargeSampleMatchesScipy() {
        double[] d = {0.15123, 0.448746, -0.124138, -0.740592, -0.304671, -0.841647, 0.210144, 1.490215, -0.342207,
            -0.470475, 0.639842, 0.506887, 0.255414, -0.780468, 0.120748, 0.845303, -1.194215, -0.307616, -1.751223,
            -1.139538, -1.691735, -0.085091, -1.117446, 0.421264, 0.306751, -0.036931, -2.36676, -0.388693, 0.101499,
            0.263309, -1.380136, -0.327753, -0.828519, -0.658837, 1.210899, -0.657535, 0.117478, 1.03439, -0.4336,
            0.038298, 0.260464, 0.213782, -1.075056, 0.22614, 1.508823, -1.397145, 1.009383, 0.269354, -0.49147,
            2.150417, 0.91226, -1.049289, 0.224516, 0.72669, -0.038782, 0.83291, 0.083483, 0.817248, 1.588523,
            -0.525662};
        double[] zero = new double[d.length];
        // scipy.stats.wilcoxon(d, method='asymptotic').pvalue and scipy.stats.ttest_1samp(d, 0).pvalue.
        Significance.WilcoxonTest w = Significance.wilcoxon(zero, d);
        assertThat(w.exact()).isFalse();
        assertThat(w.p()).isCloseTo(0.6270623191759823, within(1e-12));
        assertThat(Significance.pairedT(zero, d).p()).isCloseTo(0.6071125394508873, within(1e-12));
    }

    @Test
    void wilcoxonWithoutNonZeroDifferencesHasPOne() {
        Significance.WilcoxonTest w = Significance.wilcoxon(new double[] {1, 2}, new double[] {1, 2});
        assertThat(w.n()).isZero();
        assertThat(w.p()).isEqualTo(1);
    }
}
