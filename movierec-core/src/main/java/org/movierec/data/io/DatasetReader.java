package org.movierec.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;

/**
 * Reads a MovieLens directory, detecting its format from the files present.
 * Supported so far: ML-100k ({@code u.data}).
 */
public final class DatasetReader {
    private DatasetReader() {
    }

    public static Dataset read(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new DataFormatException(dir, 0, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, 0, "not a directory");
        }
        if (Files.exists(dir.resolve("u.data"))) {
            return MovieLens100kReader.read(dir);
        }
        throw new DataFormatException(dir, 0, "unknown dataset format: expected MovieLens files such as u.data");
    }
}
