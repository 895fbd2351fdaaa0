package org.movierec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.movierec.neural.experiment.ExperimentRunner;
import org.movierec.neural.experiment.ExperimentSpec;
import org.movierec.util.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code movierec experiment run FILE}: one report's experiment (see {@code experiments/}), printed as
 * a table: the report's number, ours with the report's architecture, ours tuned on validation, and
 * our best classic model on the same split and metrics.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Reproduce a report's experiment from its config file.",
        subcommands = {ExperimentCommand.Run.class})
public final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code movierec experiment run FILE --data DIR}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Train and evaluate one report's experiment (experiments/report-00N.yaml) and print the table.")
    public static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", description = "Experiment file (YAML or JSON), e.g. experiments/report-001.yaml.")
        Path file;

        @Option(names = "--data", required = true, description = "The ML-100k directory (or another dataset).")
        Path data;

        @CommandLine.Mixin
        ReadMixin readOptions = new ReadMixin();

        @Option(names = "--quiet", description = "Print only the table.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            ExperimentSpec s = ExperimentSpec.read(file);
            ProgressListener progress = quiet ? ProgressListener.NONE : ConsoleProgress.forConsole();
            ExperimentRunner.Result r = ExperimentRunner.run(s, data, readOptions.read(data), progress);
            progress.done();
            spec.commandLine().getOut().print(ExperimentRunner.table(r));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
