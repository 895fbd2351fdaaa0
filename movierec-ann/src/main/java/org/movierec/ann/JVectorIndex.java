package org.movierec.ann;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.movierec.rec.CandidateIndex;

/** Graph index over the MIPS-transformed item vectors with jvector (Vamana/DiskANN-style, one layer). */
public final class JVectorIndex implements CandidateIndex {
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    private final float[] vectors;
    private final int n;
    private final int dim;
    private final HnswSettings settings;
    private final RandomAccessVectorValues values;
    private final OnHeapGraphIndex graph;
    private final ThreadLocal<GraphSearcher> searchers;

    public JVectorIndex(float[] vectors, int n, int dim, HnswSettings settings) {
        this.vectors = vectors;
        this.n = n;
        this.dim = dim;
        this.settings = settings;
        float[][] rows = MipsTransform.items(vectors, n, dim);
        List<VectorFloat<?>> list = new ArrayList<>(n);
        for (float[] r : rows) {
            list.add(VTS.createFloatVector(r));
        }
        this.values = new ListRandomAccessVectorValues(list, dim + MipsTransform.extra());
        BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(values,
                VectorSimilarityFunction.DOT_PRODUCT);
        try (GraphIndexBuilder b = new GraphIndexBuilder(bsp, dim + MipsTransform.extra(), settings.m(), settings.beamWidth(), 1.2f,
                1.2f)) {
            this.graph = b.build(values);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.searchers = ThreadLocal.withInitial(() -> new GraphSearcher(graph));
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public String kind() {
        return "hnsw";
    }

    @Override
    public int search(float[] query, int k, IntPredicate accept, int[] outItems, float[] outScores) {
        int ef = Math.max(k, settings.ef());
        SearchScoreProvider ssp = SearchScoreProvider.exact(VTS.createFloatVector(MipsTransform.query(query)),
                VectorSimilarityFunction.DOT_PRODUCT, values);
        Bits bits = accept == null ? Bits.ALL : accept::test;
        SearchResult r = searchers.get().search(ssp, ef, bits);
        SearchResult.NodeScore[] nodes = r.getNodes();
        int[] cand = new int[nodes.length];
        for (int c = 0; c < nodes.length; c++) {
            cand[c] = nodes[c].node;
        }
        return Rerank.topK(query, vectors, dim, cand, cand.length, k, outItems, outScores);
    }
}
