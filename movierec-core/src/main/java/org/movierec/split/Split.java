package org.movierec.split;

import java.io.IOException;
import java.util.List;
import org.movierec.data.Dataset;

/**
 * A named, reproducible evaluation protocol: a function from a dataset to its folds. Splits that
 * draw at random take their seed at construction, so the same split applied twice to the same
 * dataset gives identical folds. Create them with {@link Splits}.
 */
public interface Split {
    /**
     * The split's specification, recorded in model provenance.
     *
     * @return the specification as {@link Splits#parse} accepts it (e.g. {@code random:0.8})
     */
    String name();

    /**
     * The folds of {@code data}, each sharing its id space. Deterministic: the same split applied to the
     * same dataset gives identical folds.
     *
     * @param data the dataset to split
     * @return one or more folds, in a stable order
     * @throws IOException when the split reads files (the predefined ML-100k splits)
     */
    List<Fold> folds(Dataset data) throws IOException;
}
