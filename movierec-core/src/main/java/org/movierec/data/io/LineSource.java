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
}
