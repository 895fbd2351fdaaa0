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
     * Extends the current line by the next one, line break included, for a quoted CSV field that
     * spans lines; {@link #lineNo()} stays the first line's. False when there is no next line or the
     * source cannot extend (then the field is unterminated). The buffer and offsets may change.
     */
    default boolean extend() throws java.io.IOException {
        return false;
    }
}
