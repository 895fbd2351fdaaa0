package org.movierec.ann;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

    @Override
    public void write(CandidateIndex index, DataOutputStream out) throws IOException {
        if (!(index instanceof LuceneHnswIndex h)) {
            throw new IllegalArgumentException("not an hnsw index: " + index.kind());
        }
        h.write(out);
    }

    @Override
    public CandidateIndex read(DataInputStream in, float[] vectors, int n, int dim) throws IOException {
        return LuceneHnswIndex.read(in, vectors, n, dim);
    }
}
