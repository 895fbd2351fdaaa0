package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.data.DataFormatException;
import org.movierec.util.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code movierec} command. */
@Command(name = "movierec", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A movie recommender: MovieLens data, evaluation protocols and recommendation models.")
public final class Main implements Runnable {
    static {
        // picocli's factory looks for Groovy's closure class, for closures in annotations, which movierec does
        // not have: that failed lookup made the class loader open the jar (a scan of its 10,000 entries) on
        // the main thread, before anything else needed it there
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        // --data FILE.parquet: the reader is registered here and loaded only when such a file is read
        ParquetOutput.registerInput();
    }

    /**
     * The subcommands by name, in the order the help lists them. Picocli builds a command's model
     * by reflection over its annotations, which for all of them took about 0.3 s of every start (a
     * third of a short command's time); {@link #commandLine(String...)} builds only the one a command
     * line names. {@code MainTest} checks that each name is its class's {@code @Command} name.
     */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, Class<?>> subcommands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand.class);
        m.put("data", DataCommand.class);
        m.put("algorithms", AlgorithmsCommand.class);
        m.put("train", TrainCommand.class);
        m.put("recommend", RecommendCommand.class);
        m.put("similar", SimilarCommand.class);
        m.put("model", ModelCommand.class);
        m.put("evaluate", EvaluateCommand.class);
        m.put("tune", TuneCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("quickstart", QuickstartCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("retrain", RetrainCommand.class);
        m.put("warm-up", WarmUpCommand.class);
        m.put("report", ReportCommand.class);
        m.put("experiment", ExperimentCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(new OutOfMemoryHandler());
        warmUp(args);
        try {
            System.exit(execute(args));
        } catch (OutOfMemoryError e) {
            outOfMemory();
        }
    }

    /**
     * Start-up: while this thread builds picocli's model of the command (about 0.13 s of reflection
     * over its annotations), a second one discovers the algorithm providers (their default configs)
     * and loads the data reader's classes, which every training and evaluating command needs next,
     * then what the main thread meets after training: the factor models' payload layouts, the model
     * writer with its JSON factory, {@link java.util.Formatter} and the instant format of the
     * provenance's time stamp (each about 10 ms when first used).
     * Class initialisation is thread-safe: whichever thread comes second waits for the first. A
     * failure there is left for the main thread to meet and report.
     */
    private static void warmUp(String[] args) {
        if (args.length == 0 || !WARM_UP.contains(args[0])) {
            return;
        }
        Thread t = new Thread(new WarmUp(SUBCOMMANDS.get(args[0])), "movierec-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /*
     * Main has no lambdas or method references, only named classes: the launcher's class-data dump
     * links the class that hosts a lambda it archives, and linking Main there links picocli's
     * CommandLine (a Java 5 class, verified the old way), which the dump then leaves out of the
     * archive ("Skipping picocli/CommandLine: Old class has been linked"), so that every start
     * parsed and verified it from the jar again.
     */

    /** The work of {@link #warmUp}, on its own thread. */
    private static final class WarmUp implements Runnable {
        private final Class<?> command;

        WarmUp(Class<?> command) {
            this.command = command;
        }

        @Override
        public void run() {
            try {
                annotations(command, new java.util.HashSet<>());
                org.movierec.model.AlgorithmRegistry.names();
                Class.forName("org.movierec.data.io.DatasetReader");
                Class.forName("org.movierec.algo.FactorModel");
                Class.forName("org.movierec.model.ModelIO");
                String.format(java.util.Locale.ROOT, "%.4f %d %s", 1.0, 1, java.time.Instant.EPOCH);
            } catch (Throwable ignored) {
                // the main thread meets it again and reports it
            }
        }
    }

    /**
     * An estimate can miss (MemoryBudget checks the big jobs up front): a job that still runs out of
     * heap ends with one line naming the flag to raise, not a JVM stack trace, in any thread.
     */
    private static final class OutOfMemoryHandler implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            if (e instanceof OutOfMemoryError) {
                outOfMemory();
            }
            e.printStackTrace();
        }
    }

    /**
     * Reads the annotations of a command class, its superclasses and its mixins, as picocli will:
     * the first read of each annotation type defines a proxy class for it (several milliseconds
     * each, and picocli reads about seven types before it can parse a command line). Fields first,
     * last to first, then the class: the opposite of picocli's order on the main thread, so that the
     * two threads define different proxy classes at once rather than one waiting for the other's
     * (a whole {@code train} 7-12 ms faster at the median, BENCHMARKS.md).
     */
    private static void annotations(Class<?> c, java.util.Set<Class<?>> seen) {
        for (; c != null && c != Object.class && seen.add(c); c = c.getSuperclass()) {
            java.lang.reflect.Field[] fields = c.getDeclaredFields();
            for (int i = fields.length - 1; i >= 0; i--) {
                java.lang.reflect.Field f = fields[i];
                f.getAnnotations();
                if (f.isAnnotationPresent(CommandLine.Mixin.class)
                        || f.isAnnotationPresent(CommandLine.ArgGroup.class)) {
                    annotations(f.getType(), seen);
                }
            }
            c.getAnnotations();
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                m.getAnnotations();
            }
        }
    }

    /**
     * The commands that train, evaluate or load a model (see {@link #warmUp}), and the hidden
     * {@code warm-up} command whose run lists the classes for the launcher's class-data archive, so
     * that the archive holds this thread's own classes too (they were read from the jar at each start).
     */
    private static final java.util.Set<String> WARM_UP = java.util.Set.of("train", "evaluate", "tune", "quickstart",
            "recommend", "experiment", "serve", "retrain", "warm-up");

    private static void outOfMemory() {
        long mib = Runtime.getRuntime().maxMemory() >> 20;
        System.err.println("error: out of memory: this job needs more than the " + mib + " MiB of heap this JVM may "
                + "use (-Xmx); raise it, e.g. MOVIEREC_JAVA_OPTS=-Xmx" + Math.max(2, 2 * ((mib + 1023) / 1024))
                + "g ./movierec ...");
        Runtime.getRuntime().halt(3);
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the command line with its output and errors sent to the given writers (used by tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
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
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand (other than
     * {@code help}), only that subcommand is built; otherwise (no arguments, {@code --help},
     * {@code help}, a typo) all of them, so that usage and suggestions list every command.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only);
        } else {
            for (java.util.Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
                cl.addSubcommand(e.getKey(), e.getValue());
            }
        }
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        return cl;
    }

    /**
     * Prints user errors as one line. A named class rather than a method reference: linking the
     * lambda of a picocli interface (compiled for Java 5) when the launcher dumps its class-data
     * archive would keep picocli's largest class out of that archive.
     */
    private static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            return handle(e, cl);
        }
    }

    /** Usage errors as one line and a pointer to --help ({@link UsageErrors}); named for the archive, as above. */
    private static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return UsageErrors.handle(ex, args);
        }
    }

    private static int handle(Exception e, CommandLine cl) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof DataFormatException || t instanceof IllegalArgumentException || t instanceof IOException
                || t instanceof UserException || t instanceof org.movierec.util.MemoryBudget.InsufficientHeapException) {
            err.println("error: " + t.getMessage());
            err.flush();
            return 2;
        }
        err.println("internal error: " + t);
        t.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * Refuses an output file whose directory does not exist (issue 11: {@code train --out
     * /nonexistent/dir/x.bin} used to create the directories silently). Called before any work.
     *
     * @throws UserException naming the option, the file and the missing directory
     */
    static void requireOutputDirectory(String option, Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException(option + " " + file + ": directory " + parent + " does not exist"
                    + (Files.exists(parent) ? " (it is a file)" : "") + "; create it first");
        }
    }

    /** An error the user can fix (bad option combination, missing file); printed without a stack trace. */
    public static final class UserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserException(String message) {
            super(message);
        }
    }

    /** Public with a public constructor: picocli's factory instantiates it without reflective access checks failing. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        /** For picocli. */
        public VersionProvider() {
        }

        @Override
        public String[] getVersion() {
            return new String[] {"movierec " + Version.current()};
        }
    }
}
