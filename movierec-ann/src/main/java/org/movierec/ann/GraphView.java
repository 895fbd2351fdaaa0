package org.movierec.ann;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A read-only cursor over a finished {@link OnHeapHnswGraph}. Lucene's graph keeps its
 * seek/next-neighbour cursor in the graph object itself, so two threads searching one graph corrupt
 * each other's walk; each search gets its own view instead (the neighbour arrays are only read).
 */
final class GraphView extends HnswGraph {
    private final OnHeapHnswGraph graph;
    private int[] nodes;
    private int size;
    private int upto;

    GraphView(OnHeapHnswGraph graph) {
        this.graph = graph;
    }

    @Override
    public void seek(int level, int target) {
        NeighborArray na = graph.getNeighbors(level, target);
        nodes = na.nodes();
        size = na.size();
        upto = -1;
    }

    @Override
    public int nextNeighbor() {
        if (++upto < size) {
            return nodes[upto];
        }
        return DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int size() {
        return graph.size();
    }

    @Override
    public int maxNodeId() {
        return graph.maxNodeId();
    }

    @Override
    public int numLevels() {
        return graph.numLevels();
    }

    @Override
    public int entryNode() {
        return graph.entryNode();
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
        return graph.getNodesOnLevel(level);
    }
}
