package org.movierec.data.fetch;

import java.nio.file.Path;

/** The downloaded bytes do not have the expected MD5; the message names the file and both digests. */
public final class ChecksumMismatchException extends FetchException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(Path file, String source, String expected, String actual) {
        super("checksum mismatch for " + file.getFileName() + " (from " + source + "): expected MD5 " + expected
                + ", got " + actual + "; the partial download was deleted");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
