package org.movierec.ann;

import org.movierec.rec.CandidateIndex;

/** Registers the {@code hnsw} candidate index with core (ServiceLoader). */
public final class HnswProvider implements CandidateIndex.Provider {
    @Override
    public String kind() {
        return "hnsw";
    }

    @Override
    public CandidateIndex build(float[] vectors, int n, int dim) {
        return new LuceneHnswIndex(vectors, n, dim, HnswSettings.forSize(n));
    }
}
