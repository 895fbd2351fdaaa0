package org.movierec.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The columnar file formats {@link InteractionsReader} can read, by file extension. A format comes from
 * {@link #register} (the movierec command registers Parquet, whose reader it loads only when a
 * {@code .parquet} file is read) or from a {@link ColumnarFormat} service on the class path
 * ({@code META-INF/services/org.movierec.data.io.ColumnarFormats$ColumnarFormat}).
 */
public final class ColumnarFormats {
    private static final Map<String, ColumnarFormat> REGISTERED = new ConcurrentHashMap<>();

    private ColumnarFormats() {
    }

    /** A columnar format: the extension it reads ({@code "parquet"}) and how to open a file. */
    public interface ColumnarFormat {
        /**
         * The file extension this format reads.
         *
         * @return the extension without the dot, lower case
         */
        String extension();

        /**
         * Opens {@code file} for reading.
         *
         * @param file the file
         * @return its rows; the caller closes it
         * @throws IOException when the file cannot be opened or is not in this format (naming the file)
         */
        ColumnarSource open(Path file) throws IOException;
    }

    /**
     * Makes {@code format} read files with its extension (replacing an earlier one for it).
     *
     * @param format the format
     */
    public static void register(ColumnarFormat format) {
        REGISTERED.put(format.extension().toLowerCase(Locale.ROOT), format);
    }

    /** The file's extension, lower case, or "" without one. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** Whether {@code file}'s extension names a columnar format movierec knows (read or not). */
    static boolean isColumnar(Path file) {
        String ext = extension(file);
        return ext.equals("parquet") || find(ext) != null;
    }

    /** The format for {@code file}'s extension, or null. */
    static ColumnarFormat find(String extension) {
        ColumnarFormat f = REGISTERED.get(extension);
        if (f != null) {
            return f;
        }
        for (ColumnarFormat s : ServiceLoader.load(ColumnarFormat.class)) {
            if (s.extension().equalsIgnoreCase(extension)) {
                return s;
            }
        }
        return null;
    }
}
