package org.movierec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code movierec data ...}: inspect, download and generate datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect, download or generate MovieLens datasets.",
        subcommands = {
            DataFetchCommand.class,
            DataInfoCommand.class,
            DataSynthCommand.class,
        })
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
