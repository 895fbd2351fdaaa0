package org.movierec.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The CLI test kit: runs {@link Main#execute(PrintWriter, PrintWriter, String...)} in process with
 * standard output and error captured.
 */
public final class Cli {
    private Cli() {
    }

    /** What one run of the command produced. */
    public record Result(int exitCode, String out, String err) {
        /** The non-empty lines of standard error. */
        public String[] errLines() {
            return err.isBlank() ? new String[0] : err.strip().split("\\R");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** Runs {@code movierec args...}. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
