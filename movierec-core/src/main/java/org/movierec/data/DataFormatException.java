package org.movierec.data;

import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be. The message always names the file, the
 * line (1-based, or 0 when the problem concerns the whole file) and the reason, so that the CLI can
 * print it as is without a stack trace.
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    /** 1-based line number, or 0 for the whole file. */
    private final long line;
    /** What is wrong, without file and line. */
    private final String reason;


    /**
     * An error without an underlying cause.
     *
     * @param file   the file that is wrong (null for an in-memory input, shown as {@code <input>})
     * @param line   1-based line number, or 0 when the problem concerns the whole file
     * @param reason what is wrong, in words a user can act on (for example "rating 6 is outside 1..5")
     */
    public DataFormatException(Path file, long line, String reason) {
        this(file, line, reason, null);
    }

    /**
     * An error caused by another exception (an undecodable byte sequence, a number that does not parse).
     *
     * @param file   the file that is wrong (null for an in-memory input, shown as {@code <input>})
     * @param line   1-based line number, or 0 when the problem concerns the whole file
     * @param reason what is wrong, in words a user can act on
     * @param cause  the underlying exception, or null
     */
    public DataFormatException(Path file, long line, String reason, Throwable cause) {
        super(format(file, line, reason), cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    private static String format(Path file, long line, String reason) {
        String where = file == null ? "<input>" : file.toString();
        return line > 0 ? where + ":" + line + ": " + reason : where + ": " + reason;
    }

    /**
     * The file that is wrong.
     *
     * @return the path as given to the constructor, or null for an in-memory input (not serialized)
     */
    public Path file() {
        return file;
    }

    /**
     * Where in the file the problem is.
     *
     * @return 1-based line number, or 0 when the error concerns the whole file
     */
    public long line() {
        return line;
    }

    /**
     * The reason alone, without file and line (the message holds all three).
     *
     * @return what is wrong
     */
    public String reason() {
        return reason;
    }
}
