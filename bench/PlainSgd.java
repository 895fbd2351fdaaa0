import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reference for the start-up benchmark (`movierec bench --suite startup`): a plain,
 * single-threaded Java program doing the work of `movierec train --algo biased-mf --split u1`
 * with k=100 and 20 epochs: read u1.base, biased MF by SGD (same update rule and hyperparameters as
 * movierec's BiasedMF, biases from zero, visiting the ratings user by user in a fresh random order
 * each epoch, which keeps the user's row in cache), RMSE on u1.test, factors written to a file. No
 * libraries, no framework: what a hand-written program costs as a whole process.
 *
 * Usage: java -cp CLASSES PlainSgd ML100K_DIR OUT_FILE
 * Not part of the build; the benchmark harness compiles it.
 */
public final class PlainSgd {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<Integer, Integer> userIds = new HashMap<>();
        Map<Integer, Integer> itemIds = new HashMap<>();
        int[][] train = read(dir.resolve("u1.base"), userIds, itemIds);
        int[][] test = read(dir.resolve("u1.test"), userIds, itemIds);
        int n = train[0].length;
        int nu = userIds.size();
        int ni = itemIds.size();
        int k = 100;
        float lr = 0.01f;
        float decay = 0.98f;
        float regB = 0.005f;
        float regF = 0.07f;
        SplittableRandom rnd = new SplittableRandom(42);
        float[] p = new float[nu * k];
        float[] q = new float[ni * k];
        for (int x = 0; x < p.length; x++) {
            p[x] = (float) (rnd.nextGaussian() * 0.01);
        }
        for (int x = 0; x < q.length; x++) {
            q[x] = (float) (rnd.nextGaussian() * 0.01);
        }
        float[] bu = new float[nu];
        float[] bi = new float[ni];
        double sum = 0;
        for (int x = 0; x < n; x++) {
            sum += train[2][x];
        }
        float mu = (float) (sum / n);
        // Ratings grouped by user (counting sort): user u's ratings are byUser[start[u] .. start[u+1]).
        int[] start = new int[nu + 1];
        for (int x = 0; x < n; x++) {
            start[train[0][x] + 1]++;
        }
        for (int u = 0; u < nu; u++) {
            start[u + 1] += start[u];
        }
        int[] byUser = new int[n];
        int[] fill = start.clone();
        for (int x = 0; x < n; x++) {
            byUser[fill[train[0][x]]++] = x;
        }
        int[] users = new int[nu];
        for (int u = 0; u < nu; u++) {
            users[u] = u;
        }
        int[] order = new int[n];
        for (int epoch = 0; epoch < 20; epoch++) {
            shuffle(users, 0, nu, rnd);
            int w = 0;
            for (int u : users) {
                int len = start[u + 1] - start[u];
                System.arraycopy(byUser, start[u], order, w, len);
                shuffle(order, w, w + len, rnd);
                w += len;
            }
            epoch(order, train, mu, bu, bi, p, q, k, lr, regB, regF);
            lr *= decay;
        }
        double se = 0;
        int m = test[0].length;
        for (int x = 0; x < m; x++) {
            int u = test[0][x];
            int i = test[1][x];
            float pred = mu + (u < nu ? bu[u] : 0) + (i < ni ? bi[i] : 0);
            if (u < nu && i < ni) {
                for (int f = 0; f < k; f++) {
                    pred += p[u * k + f] * q[i * k + f];
                }
            }
            pred = Math.max(1, Math.min(5, pred));
            se += (pred - test[2][x]) * (pred - test[2][x]);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[1]))))) {
            for (float v : p) {
                out.writeFloat(v);
            }
            for (float v : q) {
                out.writeFloat(v);
            }
        }
        System.out.printf("rmse %.4f%n", Math.sqrt(se / m));
    }

    /** One SGD pass in {@code order}: a method of its own, so that the JIT compiles it whole. */
    private static void epoch(int[] order, int[][] train, float mu, float[] bu, float[] bi, float[] p, float[] q,
                              int k, float lr, float regB, float regF) {
        float shrink = 1 - lr * regF;
        for (int pos : order) {
            int u = train[0][pos];
            int i = train[1][pos];
            int uo = u * k;
            int io = i * k;
            float dot = 0;
            for (int f = 0; f < k; f++) {
                dot += p[uo + f] * q[io + f];
            }
            float e = train[2][pos] - (mu + bu[u] + bi[i] + dot);
            bu[u] += lr * (e - regB * bu[u]);
            bi[i] += lr * (e - regB * bi[i]);
            float le = lr * e;
            for (int f = 0; f < k; f++) {
                float pf = p[uo + f];
                float qf = q[io + f];
                p[uo + f] = shrink * pf + le * qf;
                q[io + f] = shrink * qf + le * pf;
            }
        }
    }

    /** Fisher-Yates over {@code a[from..to)}. */
    private static void shuffle(int[] a, int from, int to, SplittableRandom rnd) {
        for (int x = to - 1; x > from; x--) {
            int y = from + rnd.nextInt(x - from + 1);
            int t = a[x];
            a[x] = a[y];
            a[y] = t;
        }
    }

    /** Columns user, item, rating of a tab-separated ratings file, ids mapped densely. */
    private static int[][] read(Path file, Map<Integer, Integer> users, Map<Integer, Integer> items) throws IOException {
        java.util.List<String> lines = Files.readAllLines(file);
        int[][] out = new int[3][lines.size()];
        for (int x = 0; x < lines.size(); x++) {
            String[] f = lines.get(x).split("\t");
            out[0][x] = users.computeIfAbsent(Integer.parseInt(f[0]), key -> users.size());
            out[1][x] = items.computeIfAbsent(Integer.parseInt(f[1]), key -> items.size());
            out[2][x] = Integer.parseInt(f[2]);
        }
        return out;
    }
}
