package org.movierec.algo.fm;

import java.util.SplittableRandom;
import org.movierec.model.Training;
import org.movierec.util.ProgressListener;

/**
 * Stochastic gradient descent for a factorization machine (Rendle 2012, section 4.1) on the
 * per-example loss
 * <pre>
 *   L = 1/2 (y(x) - y)^2 + 1/2 (reg0 w0^2 + regW sum_{j in x} w_j^2 + regV sum_{j in x} |v_j|^2)
 * </pre>
 * whose gradient is {@code dL/dw0 = e + reg0 w0}, {@code dL/dw_j = e x_j + regW w_j} and
 * {@code dL/dv_jf = e x_j (q_f - v_jf x_j) + regV v_jf} with {@code e = y(x) - y} and
 * {@code q_f = sum_l v_lf x_l}. Examples are visited in a fresh seeded permutation every epoch.
 * The gradient buffers are allocated once per run.
 */
final class FmSgd {
    private FmSgd() {
    }

    /** Regularization constants of the loss above. */
    record Reg(double reg0, double regW, double regV) {
    }

    /**
     * Writes the gradient of the loss above at the example {@code idx/val[from..to)} with target
     * {@code y}: {@code g0[0]} for w0, {@code gw[p-from]} for the p-th entry's w, {@code gv[(p-from)*k+f]}
     * for its factors. {@code sums} is a scratch buffer of length k. Returns the loss.
     */
    static double gradient(FmParams m, int[] idx, float[] val, int from, int to, double y, Reg reg,
                           double[] sums, double[] g0, double[] gw, double[] gv) {
        int k = m.k;
        double pred = m.predict(idx, val, from, to, sums);
        double e = pred - y;
        double loss = 0.5 * e * e + 0.5 * reg.reg0() * m.w0 * m.w0;
        g0[0] = e + reg.reg0() * m.w0;
        for (int p = from; p < to; p++) {
            int j = idx[p];
            double x = val[p];
            double wj = m.w[j];
            gw[p - from] = e * x + reg.regW() * wj;
            loss += 0.5 * reg.regW() * wj * wj;
            int base = j * k;
            int gb = (p - from) * k;
            for (int f = 0; f < k; f++) {
                double vjf = m.v[base + f];
                gv[gb + f] = e * x * (sums[f] - vjf * x) + reg.regV() * vjf;
                loss += 0.5 * reg.regV() * vjf * vjf;
            }
        }
        return loss;
    }

    static void train(FmData data, FmParams m, Reg reg, double learnRate, int epochs, SplittableRandom rnd,
                      ProgressListener progress) {
        int k = m.k;
        int maxNnz = 0;
        for (int r = 0; r < data.rows; r++) {
            maxNnz = Math.max(maxNnz, data.rowStart[r + 1] - data.rowStart[r]);
        }
        double[] sums = new double[k];
        double[] g0 = new double[1];
        double[] gw = new double[maxNnz];
        double[] gv = new double[maxNnz * k];
        int[] order = new int[data.rows];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        progress.start("fm sgd", epochs);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int r = order.length - 1; r > 0; r--) {
                int s = rnd.nextInt(r + 1);
                int t = order[r];
                order[r] = order[s];
                order[s] = t;
            }
            double se = 0;
            for (int o = 0; o < order.length; o++) {
                int r = order[o];
                int from = data.rowStart[r];
                int to = data.rowStart[r + 1];
                gradient(m, data.rowIdx, data.rowVal, from, to, data.target[r], reg, sums, g0, gw, gv);
                double e = g0[0] - reg.reg0() * m.w0;
                se += e * e;
                m.w0 -= learnRate * g0[0];
                for (int p = from; p < to; p++) {
                    int j = data.rowIdx[p];
                    m.w[j] -= (float) (learnRate * gw[p - from]);
                    int base = j * k;
                    int gb = (p - from) * k;
                    for (int f = 0; f < k; f++) {
                        m.v[base + f] -= (float) (learnRate * gv[gb + f]);
                    }
                }
            }
            progress.advance(1);
            double trainRmse = Math.sqrt(se / Math.max(1, data.rows));
            progress.message(String.format("epoch %d train rmse %.4f", epoch + 1, trainRmse));
            Training.endEpoch(progress, epoch + 1, trainRmse, Double.NaN);
        }
        progress.done();
    }
}
