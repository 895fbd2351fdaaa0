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
 *
 * <p>A record whose quoted field is still open at the end of its line ({@link #extend}, called through
 * {@link LineSource#extendOpenField}) cannot be parsed line by line: a slice may have started inside
 * it. In line mode such a slice stops and sets {@link #spansLines}, and the caller parses the block
 * again in record mode ({@link #records}) from a record's start, where the record takes in the next
 * lines; each line it takes in is recorded like a blank line after it, so that line numbers stay
 * right. Record mode runs on several threads where a count of quotes finds record ends to cut at
 * ({@link #parseRecordsInSlices}), else on one.
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
    /** Row counts at which blank lines (and lines a record took in) stood, {@code nBlanks} of them. */
    int[] blanks = new int[4];
    int nBlanks;
    /** Lines in the slice, once parsed (without a record cut off by the block's end). */
    long lines;
    /** The first bad line's error, or null. */
    DataFormatException error;
    /**
     * Record mode: a quoted field open at a line's end takes in the next lines. Only for a slice that
     * starts at a record's start (the first slice of a block, or one that {@link #parseRecordsInSlices}
     * checks afterwards).
     */
    boolean records;
    /** Record mode: the slice ends where the input ends, so a record still open there is unterminated. */
    boolean atEof;
    /** Line mode: a record needed the next line; the slice stopped at it (set by {@link #parse}). */
    boolean spansLines;
    /** Record mode: where a record cut off by the slice's end starts (the slice stopped before it), or -1. */
    int cutAt;
    /** Where the current record ends (after its line break) and the slice's end. */
    private int next;
    private int to;
    /** Lines the current record took in after its first. */
    private int taken;

    /** Ends a slice's parse at a record that needs more than the slice has; not an error. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final Stop SPANS = new Stop();
    private static final Stop CUT = new Stop();

    SliceLines(Path file) {
        this.file = file;
    }

    /**
     * Cuts {@code block[pos, usable)} (whole lines) at line ends into as many slices as {@code slices}
     * holds, into {@code bounds} (one more entry than slices), and parses them in parallel.
     */
    static void parseInSlices(SliceLines[] slices, int[] bounds, byte[] block, int pos, int usable) {
        int nSlices = slices.length;
        bounds[0] = pos;
        for (int s = 1; s < nSlices; s++) {
            int cut = Math.max(bounds[s - 1], pos + (int) ((long) (usable - pos) * s / nSlices));
            while (cut < usable && cut > pos && block[cut - 1] != '\n') {
                cut++;
            }
            bounds[s] = cut;
        }
        bounds[nSlices] = usable;
        parseAll(slices, bounds, block);
    }

    /** Parses slice {@code s} over {@code block[bounds[s], bounds[s + 1])}, the slices in parallel. */
    private static void parseAll(SliceLines[] slices, int[] bounds, byte[] block) {
        org.movierec.util.Parallel.forRange(slices.length, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                slices[s].parse(block, bounds[s], bounds[s + 1]);
            }
        });
    }

    /**
     * Record mode on several threads, for a block that starts at a record's start: cuts
     * {@code block[pos, usable)} where a count of double quotes from {@code pos} says no quoted field is
     * open (an escaped {@code ""} counts twice), at a line's end, parses the slices in parallel in record
     * mode (the last one with {@code eof}, where a record still open is unterminated) and returns true
     * when every slice but the last ended at its bound with its last record complete: then each slice
     * started at a record's start, as the one before it ended at one. A slice that ended inside a record
     * (a quote inside an unquoted field misleads the count; the parser reads it as a character) makes it
     * return false, and the caller parses the block on one thread instead; so does a slice whose error
     * came before its bound, as one thread finds that error too.
     */
    static boolean parseRecordsInSlices(SliceLines[] slices, int[] bounds, byte[] block, int pos, int usable,
                                        boolean eof) {
        int nSlices = slices.length;
        bounds[0] = pos;
        boolean open = false;
        int p = pos;
        for (int s = 1; s < nSlices; s++) {
            int target = Math.max(p, pos + (int) ((long) (usable - pos) * s / nSlices));
            for (; p < usable && (p < target || open || p == pos || block[p - 1] != '\n'); p++) {
                if (block[p] == '"') {
                    open = !open;
                }
            }
            bounds[s] = p;
        }
        bounds[nSlices] = usable;
        for (int s = 0; s < nSlices; s++) {
            slices[s].records = true;
            slices[s].atEof = s == nSlices - 1 && eof;
        }
        parseAll(slices, bounds, block);
        for (int s = 0; s < nSlices - 1; s++) {
            if (slices[s].error != null || slices[s].cutAt >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses the lines of {@code block[from, to)}, which starts at a line's start and ends after a newline or at the end. */
    final void parse(byte[] block, int from, int to) {
        buf = block;
        n = 0;
        nBlanks = 0;
        lineNo = 0;
        error = null;
        spansLines = false;
        cutAt = -1;
        this.to = to;
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
                next = nl + 1;
                if (isBlank()) {
                    blank();
                    pos = next;
                    continue;
                }
                taken = 0;
                try {
                    parseLine();
                } catch (Stop s) {
                    lineNo--;
                    if (s == CUT) {
                        cutAt = pos;
                    } else {
                        spansLines = true;
                    }
                    break;
                }
                for (int k = 0; k < taken; k++) {
                    blank();
                }
                lineNo += taken;
                pos = next;
            }
        } catch (DataFormatException e) {
            error = e;
        }
        lines = lineNo;
    }

    private void blank() {
        if (nBlanks == blanks.length) {
            blanks = Arrays.copyOf(blanks, nBlanks * 2);
        }
        blanks[nBlanks++] = n;
    }

    /**
     * Takes the next line into the current record (record mode; the line break stays in it). At the
     * slice's end: false where the input ends there, else the slice stops before the record, which
     * the caller parses again once it has read on.
     */
    @Override
    public boolean extend() {
        if (!records) {
            throw SPANS;
        }
        int p = next;
        if (p >= to) {
            if (atEof) {
                return false;
            }
            throw CUT;
        }
        int nl = p;
        while (nl < to && buf[nl] != '\n') {
            nl++;
        }
        end = nl > p && buf[nl - 1] == '\r' ? nl - 1 : nl;
        next = nl + 1;
        taken++;
        return true;
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
