package org.movierec.data.io;

import java.nio.file.Path;
import java.util.Arrays;
import org.movierec.data.DataFormatException;

/**
 * One slice of whole lines of a block, parsed line by line by a subclass ({@link #parseLine}), as the
 * MovieLens ratings reader ({@link RatingsFile}) and the generic reader ({@link InteractionsReader})
 * do on several threads before stitching their slices in order. Blank lines (spaces and tabs only)
 * are recorded by the number of rows parsed before them; the first bad line ends the slice with its
 * error. Reused from block to block by one thread.
 */
abstract class SliceLines implements LineSource {
    private final Path file;
    /** The block being parsed and the current line's bounds ({@code \r\n} and {@code \n} endings). */
    byte[] buf;
    int start;
    int end;
    /** 1-based within the slice; the caller adds the lines of the slices before it. */
    long lineNo;
    /** Rows parsed so far. */
    int n;
    /** Row counts at which blank lines stood, {@code nBlanks} of them. */
    int[] blanks = new int[4];
    int nBlanks;
    /** Lines in the slice, once parsed. */
    long lines;
    /** The first bad line's error, or null. */
    DataFormatException error;

    SliceLines(Path file) {
        this.file = file;
    }

    /** Parses the lines of {@code block[from, to)}, which starts at a line's start and ends after a newline or at the end. */
    final void parse(byte[] block, int from, int to) {
        buf = block;
        n = 0;
        nBlanks = 0;
        lineNo = 0;
        error = null;
        reset();
        try {
            int pos = from;
            while (pos < to) {
                int nl = pos;
                while (nl < to && buf[nl] != '\n') {
                    nl++;
                }
                start = pos;
                end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                lineNo++;
                pos = nl + 1;
                if (isBlank()) {
                    if (nBlanks == blanks.length) {
                        blanks = Arrays.copyOf(blanks, nBlanks * 2);
                    }
                    blanks[nBlanks++] = n;
                    continue;
                }
                parseLine();
            }
        } catch (DataFormatException e) {
            error = e;
        }
        lines = lineNo;
    }

    /** Clears the subclass's per-block state before a block is parsed. */
    void reset() {
    }

    /** Parses the current line ({@code buf[start, end)}, not blank) into row {@code n}, or throws {@link #error}. */
    abstract void parseLine();

    private boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int start() {
        return start;
    }

    @Override
    public int end() {
        return end;
    }

    @Override
    public long lineNo() {
        return lineNo;
    }

    @Override
    public DataFormatException error(String reason) {
        return new DataFormatException(file, lineNo, reason);
    }
}
