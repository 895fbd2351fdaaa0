package org.movierec.data.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.movierec.data.DataFormatException;

/**
 * The data rows of an items or users side file, each as byte ranges of its fields in one buffer, so
 * that {@link InteractionsReader}'s side-file rules read a delimited text file and a columnar (Parquet)
 * file alike. A text file's rows are its lines after the header (blank lines skipped); a columnar file's
 * rows are its records, each field written as text: strings as their UTF-8 bytes, whole numbers and
 * timestamps (epoch seconds) in decimal, floating-point numbers as {@link Double#toString}, a missing
 * value empty. Errors name the file and the line, or for a columnar file the row.
 */
abstract class SideRows implements Closeable {
    final Path file;
    final InteractionsReader.Header header;

    private SideRows(Path file, InteractionsReader.Header header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Opens a side file: columnar by its extension ({@link ColumnarFormats}), else delimited text with a
     * header line ({@code delimiter} 0: detected).
     */
    static SideRows open(Path file, char delimiter, String what) throws IOException {
        if (ColumnarFormats.isColumnar(file)) {
            ColumnarFormats.ColumnarFormat format = ColumnarFormats.find(ColumnarFormats.extension(file));
            if (format == null) {
                throw new DataFormatException(file, 0, "reading ." + ColumnarFormats.extension(file) + " files needs "
                        + "movierec's Parquet reader, which is not on the class path: run it through the movierec "
                        + "command (./movierec), or add movierec-cli's movierec-parquet.jar");
            }
            return new Columnar(file, format.open(file));
        }
        return new Text(file, InteractionsReader.header(file, delimiter, what));
    }

    /**
     * Names the columns the reader will look at (negative entries: roles not mapped); a columnar file reads
     * only these, so that a column of a kind movierec does not read may sit beside them. Call before
     * {@link #next}.
     */
    void use(int... cols) throws IOException {
    }

    /** Moves to the next data row; false after the last. */
    abstract boolean next() throws IOException;

    /** The buffer the current row's fields are in. */
    abstract byte[] buffer();

    abstract int start(int col);

    abstract int end(int col);

    /** The current row's field as text (strict UTF-8; a text file's doubled quotes undone). */
    abstract String decode(int col, String what);

    /** The current line (text) or row (columnar), from 1. */
    abstract long lineNo();

    /** "line" or "row": what {@link #lineNo} counts. */
    abstract String unit();

    /** An error at the current line or row. */
    abstract DataFormatException error(String reason);

    /** A delimited text file, read line by line after its header. */
    private static final class Text extends SideRows {
        private final LineReader r;
        private final InteractionsReader.Splitter sp = new InteractionsReader.Splitter();

        Text(Path file, InteractionsReader.Header header) throws IOException {
            super(file, header);
            this.r = LineReader.open(file);
            r.next(); // the header
        }

        @Override
        boolean next() throws IOException {
            while (r.next()) {
                if (r.isBlank()) {
                    continue;
                }
                int nf = sp.splitRecord(r, header.sep());
                if (nf != header.fields()) {
                    throw r.error((nf < header.fields() ? "missing column: " : "extra column: ") + "expected "
                            + header.fields() + " fields as in the header, found " + nf);
                }
                return true;
            }
            return false;
        }

        @Override
        byte[] buffer() {
            return r.buffer();
        }

        @Override
        int start(int col) {
            return sp.starts[col];
        }

        @Override
        int end(int col) {
            return sp.ends[col];
        }

        @Override
        String decode(int col, String what) {
            return InteractionsReader.decode(r.buffer(), sp.starts[col], sp.ends[col], r, what);
        }

        @Override
        long lineNo() {
            return r.lineNo();
        }

        @Override
        String unit() {
            return "line";
        }

        @Override
        DataFormatException error(String reason) {
            return r.error(reason);
        }

        @Override
        public void close() throws IOException {
            r.close();
        }
    }

    /** A columnar file, read chunk by chunk; each row's fields are written as text into one buffer. */
    private static final class Columnar extends SideRows {
        private final ColumnarSource src;
        private final ColumnValues[] vals;
        private final byte[] digits = new byte[20];
        private byte[] row = new byte[256];
        private final int[] starts;
        private final int[] ends;
        private final boolean[] used;
        private int left;
        private int k = -1;
        private long rowNo;

        Columnar(Path file, ColumnarSource src) {
            super(file, header(src));
            this.src = src;
            int n = src.columns().size();
            vals = new ColumnValues[n];
            for (int c = 0; c < n; c++) {
                vals[c] = new ColumnValues();
            }
            starts = new int[n];
            ends = new int[n];
            used = new boolean[n];
        }

        @Override
        void use(int... cols) throws IOException {
            for (int c : cols) {
                if (c >= 0) {
                    if (src.kind(c) == ColumnarSource.Kind.OTHER) {
                        throw new DataFormatException(file, 0, "column '" + src.columns().get(c) + "' is of type "
                                + src.typeName(c) + ", which movierec does not read (strings and numbers only)");
                    }
                    used[c] = true;
                }
            }
            int n = 0;
            int[] read = new int[used.length];
            for (int c = 0; c < used.length; c++) {
                if (used[c]) {
                    read[n++] = c;
                }
            }
            src.project(Arrays.copyOf(read, n)); // the others' pages are not even decompressed
        }

        private static InteractionsReader.Header header(ColumnarSource src) {
            List<String> names = src.columns();
            return new InteractionsReader.Header((byte) 0, names.toArray(new String[0]), names.size());
        }

        @Override
        boolean next() throws IOException {
            k++;
            if (k >= left) {
                long c = src.nextChunk();
                while (c == 0) {
                    c = src.nextChunk();
                }
                if (c < 0) {
                    return false;
                }
                left = (int) c;
                k = 0;
                for (int col = 0; col < vals.length; col++) {
                    if (used[col]) {
                        src.read(col, left, vals[col]);
                    }
                }
            }
            rowNo++;
            int p = 0;
            for (int col = 0; col < vals.length; col++) {
                ColumnValues v = vals[col];
                starts[col] = p;
                if (used[col] && !v.nulls[k]) {
                    switch (src.kind(col)) {
                        case TEXT -> {
                            int s = v.start(k);
                            int len = v.ends[k] - s;
                            ensure(p + len);
                            System.arraycopy(v.bytes, s, row, p, len);
                            p += len;
                        }
                        case INTEGER, TIMESTAMP -> {
                            int s = ColumnarPass.decimal(v.longs[k], digits);
                            ensure(p + digits.length - s);
                            System.arraycopy(digits, s, row, p, digits.length - s);
                            p += digits.length - s;
                        }
                        case REAL -> {
                            byte[] b = Double.toString(v.doubles[k]).getBytes(StandardCharsets.US_ASCII);
                            ensure(p + b.length);
                            System.arraycopy(b, 0, row, p, b.length);
                            p += b.length;
                        }
                        default -> throw new IllegalStateException("column kind " + src.kind(col));
                    }
                }
                ends[col] = p;
            }
            return true;
        }

        private void ensure(int len) {
            if (row.length < len) {
                row = Arrays.copyOf(row, Math.max(len, row.length * 2));
            }
        }

        @Override
        byte[] buffer() {
            return row;
        }

        @Override
        int start(int col) {
            return starts[col];
        }

        @Override
        int end(int col) {
            return ends[col];
        }

        @Override
        String decode(int col, String what) {
            try {
                return InteractionsReader.utf8(row, starts[col], ends[col]);
            } catch (CharacterCodingException e) {
                throw error("bytes in the " + what + " are not valid UTF-8");
            }
        }

        @Override
        long lineNo() {
            return rowNo;
        }

        @Override
        String unit() {
            return "row";
        }

        @Override
        DataFormatException error(String reason) {
            return new DataFormatException(file, 0, "row " + rowNo + ": " + reason);
        }

        @Override
        public void close() throws IOException {
            src.close();
        }
    }
}
