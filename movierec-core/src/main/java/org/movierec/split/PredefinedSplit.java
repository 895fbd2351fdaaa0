package org.movierec.split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.io.MovieLens100kReader;

/**
 * The splits that ship with ML-100k: {@code u1..u5} (five disjoint 80/20 test sets, the usual
 * 5-fold protocol) and {@code ua}/{@code ub} (exactly 10 test ratings per user). Each fold reads
 * {@code NAME.base} (train) and {@code NAME.test} (test) from the dataset directory, over the full
 * dataset's id space, so the parts share the parent's users and movies. No validation part.
 */
public final class PredefinedSplit implements Split {
    private final Path dir;
    private final List<String> names;
    private final String spec;

    /**
     * @param dir   the ML-100k directory holding {@code u1.base}, {@code u1.test}, ...
     * @param names fold names such as {@code u1} or {@code ua}
     * @param spec  the split's name as the user wrote it (e.g. {@code u1..u5})
     */
    public PredefinedSplit(Path dir, List<String> names, String spec) {
        if (dir == null) {
            throw new IllegalArgumentException("the predefined split " + spec + " needs the ML-100k directory "
                    + "(its " + names.get(0) + ".base and " + names.get(0) + ".test files)");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a predefined split needs at least one fold name");
        }
        this.dir = dir;
        this.names = List.copyOf(names);
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String name() {
        return spec;
    }

    /**
     * The folds this split reads.
     *
     * @return fold names such as {@code u1} (unmodifiable), in order
     */
    public List<String> foldNames() {
        return names;
    }

    @Override
    public List<Fold> folds(Dataset data) throws IOException {
        List<Fold> out = new ArrayList<>(names.size());
        for (String n : names) {
            Interactions base = read(dir.resolve(n + ".base"), data);
            Interactions test = read(dir.resolve(n + ".test"), data);
            out.add(new Fold(n, data.withInteractions(data.name() + "/" + n + "/train", base), null,
                    data.withInteractions(data.name() + "/" + n + "/test", test)));
        }
        return out;
    }

    private static Interactions read(Path file, Dataset data) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, "missing: predefined ML-100k splits need the uN.base/uN.test "
                    + "(or ua/ub) files next to u.data");
        }
        try {
            return MovieLens100kReader.readRatings(file, data.users().ids(), data.movies().ids());
        } catch (IllegalArgumentException e) {
            // The foundation reader reports an unknown user or movie id as a dense index of -1 and a
            // malformed number as NumberFormatException; neither names the file.
            throw new DataFormatException(file, 0, "cannot be read over the dataset " + data.name() + ": "
                    + e.getMessage(), e);
        }
    }
}
