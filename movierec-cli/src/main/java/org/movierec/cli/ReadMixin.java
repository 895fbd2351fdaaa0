package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.ReadOptions;
import org.movierec.util.MemoryBudget;
import picocli.CommandLine.Option;

/** The options of every command that reads a dataset: how to treat a duplicate (user, movie) pair. */
public final class ReadMixin {
    @Option(names = "--on-duplicate", defaultValue = "error", paramLabel = "error|last",
            description = "A second rating of the same movie by the same user: 'error' (default) stops with the "
                    + "file and both lines; 'last' keeps the later line.")
    String onDuplicate;

    /** Stops before reading when the ratings file will not fit in the heap (see {@link MemoryBudget}). */
    static void checkHeap(Path dir) throws IOException {
        for (String name : new String[] {"ratings.csv", "ratings.dat", "u.data"}) {
            Path f = dir.resolve(name);
            if (java.nio.file.Files.isRegularFile(f)) {
                try {
                    MemoryBudget.checkLoad(f);
                } catch (MemoryBudget.InsufficientHeapException e) {
                    throw new Main.UserException(e.getMessage());
                }
                return;
            }
        }
    }

    /** Reads {@code dir} with the chosen policy and a progress bar when standard error is a terminal. */
    Dataset read(Path dir) throws IOException {
        ReadOptions.OnDuplicate policy = switch (onDuplicate.toLowerCase(java.util.Locale.ROOT)) {
            case "error" -> ReadOptions.OnDuplicate.ERROR;
            case "last" -> ReadOptions.OnDuplicate.LAST;
            default -> throw new Main.UserException("--on-duplicate must be error or last, not '" + onDuplicate + "'");
        };
        checkHeap(dir);
        return DatasetReader.read(dir, ReadOptions.DEFAULTS.withOnDuplicate(policy));
    }
}
