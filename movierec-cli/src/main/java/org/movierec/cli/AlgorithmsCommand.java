package org.movierec.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Params;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code movierec algorithms}: every algorithm name with its description and default hyperparameters. */
@Command(name = "algorithms", mixinStandardHelpOptions = true,
        description = "List the algorithms (names for --algo) with their default hyperparameters (for --param).")
public final class AlgorithmsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (AlgorithmProvider e : AlgorithmRegistry.all()) {
            out.printf("%-12s %s%n", e.name(), e.description());
            Map<String, String> defaults = Params.toMap(e.defaultConfig());
            if (!defaults.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                defaults.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
                out.printf("%-12s   defaults: %s%n", "", sb);
            }
        }
        out.flush();
        return 0;
    }
}
