package org.movierec.ann;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A finished HNSW graph as plain arrays: every index searches one, whether it was just built or
 * read from an index file, so a stored index answers exactly as the built one did. Level 0 holds
 * every node {@code 0..size-1}; level {@code l > 0} holds the sorted nodes {@code levelNodes[l]}.
 * Immutable; {@link #cursor()} gives the per-search view Lucene's searcher walks.
 */
final class FrozenGraph {
    /** Written at the start of the graph's bytes. */
    static final int MAGIC = 0x484e5357; // "HNSW"
    static final int VERSION = 1;

    private final int size;
    private final int entryNode;
    /** {@code levelNodes[0]} is null (all nodes); above, the sorted nodes of the level. */
    private final int[][] levelNodes;
    /** {@code neighbours[level][position]}: the neighbour ids, in the order Lucene kept them. */
    private final int[][][] neighbours;

    private FrozenGraph(int size, int entryNode, int[][] levelNodes, int[][][] neighbours) {
        this.size = size;
        this.entryNode = entryNode;
        this.levelNodes = levelNodes;
        this.neighbours = neighbours;
    }

    /** Copies Lucene's graph after building (its neighbour arrays would otherwise be kept for growth). */
    static FrozenGraph of(OnHeapHnswGraph g) throws IOException {
        int levels = g.numLevels();
        int[][] nodes = new int[levels][];
        int[][][] nb = new int[levels][][];
        for (int l = 0; l < levels; l++) {
            HnswGraph.NodesIterator it = g.getNodesOnLevel(l);
            int[] ns = new int[it.size()];
            int c = 0;
            while (it.hasNext()) {
                ns[c++] = it.nextInt();
            }
            Arrays.sort(ns, 0, c);
            ns = Arrays.copyOf(ns, c);
            nb[l] = new int[c][];
            for (int p = 0; p < c; p++) {
                NeighborArray a = g.getNeighbors(l, ns[p]);
                nb[l][p] = Arrays.copyOf(a.nodes(), a.size());
            }
            nodes[l] = l == 0 ? null : ns;
            if (l == 0 && c != g.size()) {
                throw new IllegalStateException("level 0 has " + c + " of " + g.size() + " nodes");
            }
        }
        return new FrozenGraph(g.size(), g.entryNode(), nodes, nb);
    }

    int size() {
        return size;
    }

    int levels() {
        return neighbours.length;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(size);
        out.writeInt(entryNode);
        out.writeInt(neighbours.length);
        for (int l = 0; l < neighbours.length; l++) {
            int count = neighbours[l].length;
            out.writeInt(count);
            for (int p = 0; p < count; p++) {
                if (l > 0) {
                    out.writeInt(levelNodes[l][p]);
                }
                int[] ns = neighbours[l][p];
                out.writeInt(ns.length);
                for (int x : ns) {
                    out.writeInt(x);
                }
            }
        }
    }

    /**
     * Reads what {@link #write} wrote, checking every count and id against {@code expectedSize}.
     *
     * @throws IOException on a wrong magic, version or size, or an id out of range
     */
    static FrozenGraph read(DataInputStream in, int expectedSize) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not an HNSW graph (wrong magic number)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("HNSW graph format " + version + "; this movierec reads " + VERSION);
        }
        int size = in.readInt();
        if (size != expectedSize) {
            throw new IOException("the graph has " + size + " items, the model " + expectedSize);
        }
        int entry = check(in.readInt(), size, "entry node");
        int levels = in.readInt();
        if (levels < 1 || levels > 64) {
            throw new IOException("the graph has " + levels + " levels (allowed 1..64)");
        }
        int[][] nodes = new int[levels][];
        int[][][] nb = new int[levels][][];
        for (int l = 0; l < levels; l++) {
            int count = in.readInt();
            if (count < 0 || count > size || (l == 0 && count != size)) {
                throw new IOException("level " + l + " has " + count + " nodes of " + size);
            }
            nodes[l] = l == 0 ? null : new int[count];
            nb[l] = new int[count][];
            for (int p = 0; p < count; p++) {
                if (l > 0) {
                    nodes[l][p] = check(in.readInt(), size, "node");
                    if (p > 0 && nodes[l][p] <= nodes[l][p - 1]) {
                        throw new IOException("level " + l + ": nodes not in increasing order");
                    }
                }
                int m = in.readInt();
                if (m < 0 || m > size) {
                    throw new IOException("level " + l + ": a node with " + m + " neighbours");
                }
                int[] ns = new int[m];
                for (int q = 0; q < m; q++) {
                    ns[q] = check(in.readInt(), size, "neighbour");
                }
                nb[l][p] = ns;
            }
        }
        return new FrozenGraph(size, entry, nodes, nb);
    }

    private static int check(int id, int size, String what) throws IOException {
        if (id < 0 || id >= size) {
            throw new IOException(what + " " + id + " outside 0.." + (size - 1));
        }
        return id;
    }

    /** True when both graphs have the same levels, nodes and neighbour lists. */
    boolean sameAs(FrozenGraph o) {
        return size == o.size && entryNode == o.entryNode && Arrays.deepEquals(levelNodes, o.levelNodes)
                && Arrays.deepEquals(neighbours, o.neighbours);
    }

    /** A fresh cursor for one search (Lucene's {@link HnswGraph} is a stateful iterator). */
    HnswGraph cursor() {
        return new HnswGraph() {
            private int[] current = new int[0];
            private int upto;

            @Override
            public void seek(int level, int target) {
                int p = level == 0 ? target : Arrays.binarySearch(levelNodes[level], target);
                current = p < 0 ? new int[0] : neighbours[level][p];
                upto = -1;
            }

            @Override
            public int nextNeighbor() {
                return ++upto < current.length ? current[upto] : DocIdSetIterator.NO_MORE_DOCS;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public int maxNodeId() {
                return size - 1;
            }

            @Override
            public int numLevels() {
                return neighbours.length;
            }

            @Override
            public int entryNode() {
                return entryNode;
            }

            @Override
            public NodesIterator getNodesOnLevel(int level) {
                if (level == 0) {
                    int[] all = new int[size];
                    Arrays.setAll(all, i -> i);
                    return new ArrayNodesIterator(all, size);
                }
                return new ArrayNodesIterator(levelNodes[level], levelNodes[level].length);
            }
        };
    }
}
