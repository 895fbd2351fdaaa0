package org.movierec.ann;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.movierec.rec.CandidateIndex;

/** HNSW over the MIPS-transformed item vectors with Lucene's {@code util.hnsw} (in memory). */
public final class LuceneHnswIndex implements CandidateIndex {
    private static final VectorSimilarityFunction SIM = MipsTransform.space().equals("ip")
            ? VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT : VectorSimilarityFunction.DOT_PRODUCT;
    private final float[] vectors;
    private final int n;
    private final int dim;
    private final HnswSettings settings;
    private final RandomAccessVectorValues.Floats values;
    private final OnHeapHnswGraph graph;

    public LuceneHnswIndex(float[] vectors, int n, int dim, HnswSettings settings) {
        this.vectors = vectors;
        this.n = n;
        this.dim = dim;
        this.settings = settings;
        this.values = RandomAccessVectorValues.fromFloats(Arrays.asList(MipsTransform.items(vectors, n, dim)), dim + MipsTransform.extra());
        try {
            var supplier = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                    SIM, values);
            this.graph = HnswGraphBuilder.create(supplier, settings.m(), settings.beamWidth(), 42).build(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LuceneHnswIndex(LuceneHnswIndex base, HnswSettings settings) {
        this.vectors = base.vectors;
        this.n = base.n;
        this.dim = base.dim;
        this.settings = settings;
        this.values = base.values;
        this.graph = base.graph;
    }

    /** The same graph searched with {@code ef} candidates. */
    public LuceneHnswIndex withEf(int ef) {
        return new LuceneHnswIndex(this, new HnswSettings(settings.m(), settings.beamWidth(), ef));
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
        try {
            var scorer = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(SIM,
                    values.copy(), MipsTransform.query(query));
            TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
            Bits bits = accept == null ? null : new Bits() {
                @Override
                public boolean get(int index) {
                    return accept.test(index);
                }

                @Override
                public int length() {
                    return n;
                }
            };
            HnswGraphSearcher.search(scorer, collector, new GraphView(graph), bits);
            TopDocs top = collector.topDocs();
            int[] cand = new int[top.scoreDocs.length];
            int c = 0;
            for (ScoreDoc d : top.scoreDocs) {
                cand[c++] = d.doc;
            }
            return Rerank.topK(query, vectors, dim, cand, c, k, outItems, outScores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
