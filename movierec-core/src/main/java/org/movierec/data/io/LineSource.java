package org.movierec.data.io;

import org.movierec.data.DataFormatException;

/** The current line of some input as a byte range, with its line number for error messages. */
interface LineSource {
    byte[] buffer();

    int start();

    int end();

    /** 1-based number of the current line. */
    long lineNo();

    /** An error about the current line. */
    DataFormatException error(String reason);

    /**
     * The longest record a quoted field may make by spanning lines: an unterminated quote in a large
     * file fails here, naming its line, instead of reading the rest of the file into memory.
     */
    int MAX_RECORD_BYTES = 16 << 20;

    /**
     * Extends the current line by the next one, line break included, for a quoted CSV field that
     * spans lines; {@link #lineNo()} stays the first line's. False when there is no next line or the
     * source cannot extend (then the field is unterminated). The buffer and offsets may change.
     */
    default boolean extend() throws java.io.IOException {
        return false;
    }

    /**
     * Takes in the next line for quoted field {@code field} (1-based), still open at the end of the
     * current record, and returns how many bytes the record moved toward the buffer's start (subtract
     * it from offsets into the record). Errors name the record's first line: the field still open after
     * {@link #MAX_RECORD_BYTES}, or at the end of the input.
     */
    default int extendOpenField(int field) throws java.io.IOException {
        if (end() - start() > MAX_RECORD_BYTES) {
            throw error("quoted field " + field + " is still open after " + (MAX_RECORD_BYTES >> 20)
                    + " MiB (an unterminated quote?)");
        }
        int before = start();
        if (!extend()) {
            throw error("unterminated quoted field " + field + ": the file ends inside it");
        }
        return before - start();
    }
}
