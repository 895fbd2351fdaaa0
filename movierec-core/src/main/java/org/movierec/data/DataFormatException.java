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
    private final long line;
    private final String reason;

    public DataFormatException(Path file, long line, String reason) {
        this(file, line, reason, null);
    }

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

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the error concerns the whole file. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
