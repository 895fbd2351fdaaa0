package org.movierec.ann;

/**
 * The usual reduction of maximum inner product search to cosine search (Bachrach et al. 2014,
 * "Speeding up the Xbox recommender system"): with {@code M} the largest item norm, item
 * {@code y} becomes the unit vector {@code [y / M, sqrt(1 - |y|^2 / M^2)]} and query {@code x}
 * becomes {@code [x / |x|, 0]}; their dot product is {@code x . y / (M |x|)}, which ranks items
 * exactly as {@code x . y} does. HNSW graphs built on unit vectors are far better connected than
 * ones built on raw inner products (which is not a metric).
 */
final class MipsTransform {
    private MipsTransform() {
    }

    /** How vectors enter the graph: see {@link #items}. */
    static String space() {
        return System.getProperty("movierec.ann.space", "ip");
    }

    /** Extra coordinates {@link #items} adds. */
    static int extra() {
        return space().equals("xbox") ? 1 : 0;
    }

    /**
     * Rows for the graph. {@code ip}: the raw vectors (graph on inner products, as ip-NSW);
     * {@code cosine}: unit directions; {@code xbox}: the unit vectors of the reduction above.
     */
    static float[][] items(float[] vectors, int n, int dim) {
        String sp = space();
        if (!sp.equals("xbox")) {
            float[][] out = new float[n][dim];
            for (int i = 0; i < n; i++) {
                double norm = sp.equals("cosine") ? Math.sqrt(normSq(vectors, i * dim, dim)) : 1.0;
                for (int f = 0; f < dim; f++) {
                    out[i][f] = (float) (norm == 0 ? 0 : vectors[i * dim + f] / norm);
                }
            }
            return out;
        }
        return xboxItems(vectors, n, dim);
    }

    static float[] query(float[] x) {
        String sp = space();
        if (sp.equals("ip")) {
            return x.clone();
        }
        if (sp.equals("cosine")) {
            float[] q = xboxQuery(x);
            return java.util.Arrays.copyOf(q, x.length);
        }
        return xboxQuery(x);
    }

    /** Unit rows of length {@code dim + 1}, one per item. */
    static float[][] xboxItems(float[] vectors, int n, int dim) {
        double maxSq = 0;
        for (int i = 0; i < n; i++) {
            maxSq = Math.max(maxSq, normSq(vectors, i * dim, dim));
        }
        double m = maxSq > 0 ? Math.sqrt(maxSq) : 1.0;
        float[][] out = new float[n][dim + 1];
        for (int i = 0; i < n; i++) {
            float[] row = out[i];
            double sq = 0;
            for (int f = 0; f < dim; f++) {
                row[f] = (float) (vectors[i * dim + f] / m);
                sq += (double) row[f] * row[f];
            }
            row[dim] = (float) Math.sqrt(Math.max(0.0, 1.0 - sq));
        }
        return out;
    }

    /** {@code [x / |x|, 0]}, or the unit vector along the last axis for a zero query. */
    static float[] xboxQuery(float[] x) {
        int dim = x.length;
        float[] q = new float[dim + 1];
        double norm = Math.sqrt(normSq(x, 0, dim));
        if (norm == 0) {
            q[dim] = 1f; // every item scores the same up to its padding: any order is as good
            return q;
        }
        for (int f = 0; f < dim; f++) {
            q[f] = (float) (x[f] / norm);
        }
        return q;
    }

    private static double normSq(float[] v, int o, int dim) {
        double s = 0;
        for (int f = 0; f < dim; f++) {
            s += (double) v[o + f] * v[o + f];
        }
        return s;
    }
}
