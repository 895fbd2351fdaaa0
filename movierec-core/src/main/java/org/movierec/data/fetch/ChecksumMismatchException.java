package org.movierec.data.fetch;

import java.nio.file.Path;

/** The downloaded bytes do not have the expected MD5; the message names the file and both digests. */
public final class ChecksumMismatchException extends FetchException {
    private static final long serialVersionUID = 1L;
    /** The MD5 that was expected, lower-case hex. */
    private final String expected;
    /** The MD5 of the bytes received, lower-case hex. */
    private final String actual;

    /**
     * Describes the mismatch.
     *
     * @param file     the downloaded file (deleted by the caller)
     * @param source   where the expected digest came from (the published {@code .md5} or this build)
     * @param expected the expected MD5, lower-case hex
     * @param actual   the MD5 of the bytes received, lower-case hex
     */
    public ChecksumMismatchException(Path file, String source, String expected, String actual) {
        super("checksum mismatch for " + file.getFileName() + " (from " + source + "): expected MD5 " + expected
                + ", got " + actual + "; the partial download was deleted");
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * The digest that was expected.
     *
     * @return lower-case hex MD5
     */
    public String expected() {
        return expected;
    }

    /**
     * The digest of what was received.
     *
     * @return lower-case hex MD5
     */
    public String actual() {
        return actual;
    }
}
