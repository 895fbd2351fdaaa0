package org.movierec.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.movierec.data.Dataset;

/**
 * The registry of model file readers, by {@link Model#type()}. A type key, once released, is
 * never reused for another layout: a changed layout gets a new key or a payload version of its own.
 */
public final class ModelTypes {
    /** Reads a model's payload; {@code train} is the training data saved alongside it. */
    @FunctionalInterface
    public interface PayloadReader {
        Model read(DataInputStream in, Provenance provenance, Dataset train) throws IOException;
    }

    private static final Map<String, PayloadReader> READERS = new TreeMap<>();

    static {
        register("global-mean", org.movierec.algo.GlobalMean.Model::read);
        register("bias", org.movierec.algo.BiasBaseline.Model::read);
        register("popularity", org.movierec.algo.Popularity.Model::read);
        register("item-knn", org.movierec.algo.ItemKnn.Model::read);
        register("ease", org.movierec.algo.Ease.Model::read);
        register("fm", org.movierec.algo.fm.FactorizationMachine.Model::read);
        register("blend", org.movierec.algo.blend.Blend.Model::read);
        register("biased-mf", org.movierec.algo.BiasedMF.Model::read);
        register("svdpp", org.movierec.algo.SvdPlusPlus.Model::read);
        register("timesvdpp", org.movierec.algo.TimeSvdPlusPlus.Model::read);
        register("als", org.movierec.algo.Als.Model::read);
        register("ials", org.movierec.algo.ImplicitAls.Model::read);
        register("bpr", org.movierec.algo.Bpr.Model::read);
    }

    private ModelTypes() {
    }

    /** Registers a reader; a type may be registered once. */
    public static synchronized void register(String type, PayloadReader reader) {
        if (READERS.putIfAbsent(type, reader) != null) {
            throw new IllegalStateException("model type " + type + " registered twice");
        }
    }

    /** The reader of {@code type}: a registered one, else the algorithm provider of that name (other modules). */
    static synchronized PayloadReader reader(String type) {
        PayloadReader r = READERS.get(type);
        if (r == null) {
            AlgorithmProvider p = AlgorithmRegistry.find(type);
            if (p != null) {
                r = p::read;
            }
        }
        return r;
    }

    public static synchronized java.util.Set<String> types() {
        return java.util.Set.copyOf(READERS.keySet());
    }
}
