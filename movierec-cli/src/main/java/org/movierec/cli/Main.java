package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.movierec.data.DataFormatException;
import org.movierec.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code movierec} command. */
@Command(name = "movierec", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A movie recommender: MovieLens data, evaluation protocols and recommendation models.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DataCommand.class,
            AlgorithmsCommand.class,
            TrainCommand.class,
            RecommendCommand.class,
            SimilarCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            QuickstartCommand.class,
            WarmUpCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output and errors sent to the given writers (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line: user errors are printed as one line, without a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof DataFormatException || t instanceof IllegalArgumentException || t instanceof IOException
                || t instanceof UserException) {
            err.println("error: " + t.getMessage());
            err.flush();
            return 2;
        }
        err.println("internal error: " + t);
        t.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** An error the user can fix (bad option combination, missing file); printed without a stack trace. */
    public static final class UserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserException(String message) {
            super(message);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"movierec " + Version.current()};
        }
    }
}
