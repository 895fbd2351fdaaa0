package org.movierec.data.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * An interactions file in a columnar format (Apache Parquet), as {@link InteractionsReader} reads it:
 * the file's column names and types, and its rows in chunks (a Parquet row group) whose columns are
 * read a batch at a time into reused primitive arrays ({@link ColumnValues}), no object per row.
 * Implementations live outside the core (movierec-cli's Parquet reader) and are found through
 * {@link ColumnarFormats}; the reader does every check (roles, ids, scale, duplicates, side files)
 * exactly as for a delimited file.
 *
 * <p>Threads: the reader decodes the next batch while it checks the previous one, so {@link #nextChunk()} and
 * {@link #read} may be called from different threads over a pass, each call completing before the next
 * {@code nextChunk} (happens-before through the reader's own hand-over); only the metadata methods
 * ({@link #columns()}, {@link #kind}, {@link #rows()}) are called while a batch decodes, and must be safe then.
 */
public interface ColumnarSource extends Closeable {
    /** How a column's values reach the reader. */
    enum Kind {
        /** Whole numbers, in {@link ColumnValues#longs}. */
        INTEGER,
        /** Floating-point numbers, in {@link ColumnValues#doubles}. */
        REAL,
        /** UTF-8 text, in {@link ColumnValues#bytes} up to {@link ColumnValues#ends}. */
        TEXT,
        /** A timestamp or date, as epoch seconds (UTC, rounded down) in {@link ColumnValues#longs}. */
        TIMESTAMP,
        /** Anything else (booleans, nested or repeated fields): named in errors, never read. */
        OTHER
    }

    /**
     * The column names.
     *
     * @return the names, in file order
     */
    List<String> columns();

    /**
     * How a column is read.
     *
     * @param col the column's position in {@link #columns()}
     * @return its kind
     */
    Kind kind(int col);

    /**
     * A column's type as the file declares it, for error messages.
     *
     * @param col the column's position in {@link #columns()}
     * @return the type's name, e.g. {@code "boolean"}
     */
    String typeName(int col);

    /**
     * Reads only these columns from now on (a columnar file need not decode the others); the reader
     * calls it once, before the first chunk. By default every column stays readable.
     *
     * @param columns positions in {@link #columns()}
     * @throws IOException when the file cannot be read
     */
    default void project(int[] columns) throws IOException {
    }

    /**
     * Heap the source holds while a chunk of these columns is current: its largest chunk's pages as
     * stored and as decoded (a Parquet row group's column chunks, compressed and decompressed). The
     * reader adds it to the heap it checks before reading. By default 0 (nothing held beyond the batches).
     *
     * @param columns positions in {@link #columns()}
     * @return bytes
     */
    default long chunkBufferBytes(int[] columns) {
        return 0;
    }

    /**
     * Rows in the whole file.
     *
     * @return the row count the file's metadata gives
     */
    long rows();

    /**
     * Moves to the next chunk of rows.
     *
     * @return the chunk's row count, or -1 after the last chunk
     * @throws IOException when the file cannot be read or is corrupt
     */
    long nextChunk() throws IOException;

    /**
     * Reads the next {@code count} values of column {@code col} in the current chunk. Calls for different
     * columns may run at the same time on different threads (the reader decodes columns side by side);
     * calls for one column come one after another.
     *
     * <p>Reads the next {@code count} values of column {@code col} in the current chunk (continuing where
     * the previous call for that column stopped) into {@code out}, which grows as needed; a missing value
     * (null) sets {@link ColumnValues#nulls}{@code [k]}.
     *
     * @param col   the column's position in {@link #columns()}
     * @param count how many values, at most the rows left in the chunk
     * @param out   where the values go
     * @throws IOException when the file cannot be read or is corrupt
     */
    void read(int col, int count, ColumnValues out) throws IOException;
}
