package org.movierec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code movierec report ...}: self-contained HTML reports with charts. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report with charts (opens offline).",
        subcommands = {
            ReportDataCommand.class,
            ReportExperimentCommand.class,
        })
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
