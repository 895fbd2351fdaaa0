package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.ReadOptions;
import picocli.CommandLine.Option;

/** The options of every command that reads a dataset: how to treat a duplicate (user, movie) pair. */
public final class ReadMixin {
    @Option(names = "--on-duplicate", defaultValue = "error", paramLabel = "error|last",
            description = "A second rating of the same movie by the same user: 'error' (default) stops with the "
                    + "file and both lines; 'last' keeps the later line.")
    String onDuplicate;

    /** Reads {@code dir} with the chosen policy and a progress bar when standard error is a terminal. */
    Dataset read(Path dir) throws IOException {
        ReadOptions.OnDuplicate policy = switch (onDuplicate.toLowerCase(java.util.Locale.ROOT)) {
            case "error" -> ReadOptions.OnDuplicate.ERROR;
            case "last" -> ReadOptions.OnDuplicate.LAST;
            default -> throw new Main.UserException("--on-duplicate must be error or last, not '" + onDuplicate + "'");
        };
        return DatasetReader.read(dir, ReadOptions.DEFAULTS.withOnDuplicate(policy));
    }
}
