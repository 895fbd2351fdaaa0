package org.movierec.ann;

import java.io.DataInputStream;
import java.io.DataOutputStream;
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
    private final FrozenGraph graph;

    /** Builds the graph (Lucene's builder, seed 42) over {@code n} vectors of length {@code dim}. */
    public LuceneHnswIndex(float[] vectors, int n, int dim, HnswSettings settings) {
        this(vectors, n, dim, settings, null);
    }

    /** Over a graph built before ({@code graph} not null) or built now. */
    private LuceneHnswIndex(float[] vectors, int n, int dim, HnswSettings settings, FrozenGraph graph) {
        this.vectors = vectors;
        this.n = n;
        this.dim = dim;
        this.settings = settings;
        this.values = RandomAccessVectorValues.fromFloats(Arrays.asList(MipsTransform.items(vectors, n, dim)), dim + MipsTransform.extra());
        try {
            if (graph == null) {
                var supplier = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(SIM, values);
                OnHeapHnswGraph built = HnswGraphBuilder.create(supplier, settings.m(), settings.beamWidth(), 42).build(n);
                graph = FrozenGraph.of(built);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.graph = graph;
    }

    /**
     * Writes the settings and the graph (not the vectors: they come from the model when the
     * index is read back with {@link #read}).
     */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(settings.m());
        out.writeInt(settings.beamWidth());
        out.writeInt(settings.ef());
        graph.write(out);
    }

    /**
     * The index {@link #write} wrote, over the same {@code n} vectors: it searches the stored
     * graph, so it answers exactly as the index that was written.
     *
     * @throws IOException when the bytes are not such an index or do not fit {@code n}
     */
    static LuceneHnswIndex read(DataInputStream in, float[] vectors, int n, int dim) throws IOException {
        HnswSettings s;
        try {
            s = new HnswSettings(in.readInt(), in.readInt(), in.readInt());
        } catch (IllegalArgumentException e) {
            throw new IOException("bad HNSW settings: " + e.getMessage(), e);
        }
        return new LuceneHnswIndex(vectors, n, dim, s, FrozenGraph.read(in, n));
    }

    /** True when both search the same graph with the same settings. */
    boolean sameAs(LuceneHnswIndex o) {
        return settings.equals(o.settings) && graph.sameAs(o.graph);
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
            HnswGraphSearcher.search(scorer, collector, graph.cursor(), bits);
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
