package org.movierec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.movierec.neural.Dcn;
import org.movierec.neural.NeuralModel;
import org.movierec.util.Version;
import org.movierec.report.ExperimentData;
import org.movierec.report.ExperimentReport;
import org.movierec.report.HtmlFile;
import org.movierec.report.ModelFiles;
import org.movierec.report.References;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec report experiment RESULTS.json [MODEL...] --out experiment.html}. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Report evaluation results: leaderboard, a bar chart per metric with error bars, learning "
                + "curves, learning-rate sweeps, the feature-importance heat map, the reports' numbers beside ours "
                + "and top-N examples. Files ending in .json are results of 'movierec evaluate --format json' "
                + "(several are pooled); other files are saved models.")
public final class ReportExperimentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "RESULTS.json|MODEL",
            description = "Results files (.json) and model files.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--importance", paramLabel = "FILE.json",
            description = "A feature-importance matrix {rows, columns, values}. Without it, a dcn model file among "
                    + "the files gives its own (the first cross layer's field-by-field weights).")
    Path importance;

    @Option(names = "--references", paramLabel = "FILE.json",
            description = "Published numbers to compare with, instead of the ones shipped with movierec.")
    Path references;

    @Option(names = "--users", split = ",", paramLabel = "ID",
            description = "User ids for the top-N examples (default: the first 3 users of each model's data).")
    List<Integer> users = new ArrayList<>();

    @Option(names = "-n", defaultValue = "10", description = "Length of the top-N examples (default: ${DEFAULT-VALUE}).")
    int n;

    /** The feature-importance matrix of a dcn model file (its first cross layer, {@link Dcn#featureImportance}). */
    static Dcn.Importance dcnImportanceOf(Path model) throws java.io.IOException {
        return Dcn.featureImportance((NeuralModel<?>) org.movierec.model.ModelIO.load(model).model());
    }

    private static ExperimentData.Matrix dcnImportance(Path model) throws java.io.IOException {
        Dcn.Importance imp = dcnImportanceOf(model);
        return new ExperimentData.Matrix("DCN-v2 feature importance (" + model.getFileName() + ")", imp.fields(),
                imp.fields(), imp.matrix());
    }

    @Override
    public Integer call() throws Exception {
        Main.requireOutputDirectory("--out", out);
        List<Path> results = new ArrayList<>();
        List<Path> models = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new Main.UserException(f + ": no such file");
            }
            (f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? results : models).add(f);
        }
        if (results.isEmpty()) {
            throw new Main.UserException("no results file (.json) given; write one with "
                    + "'movierec evaluate ... --format json --out RESULTS.json'");
        }
        if (n < 1 || n > 100) {
            throw new Main.UserException("-n must be in 1..100, got " + n);
        }
        ExperimentData d = ExperimentData.read(results);
        if (references != null) {
            d = d.withReferences(References.read(references));
        }
        if (importance != null) {
            if (!Files.isRegularFile(importance)) {
                throw new Main.UserException(importance + ": no such file");
            }
            d = d.withImportance(ExperimentData.readMatrix(importance));
        }
        int[] ids = users.stream().mapToInt(Integer::intValue).toArray();
        boolean haveImportance = importance != null;
        for (Path m : models) {
            ModelFiles.Loaded l = ModelFiles.load(m, ids, 3, n);
            d = d.withCurves(l.curves()).withExamples(l.examples());
            if (!haveImportance && "dcn".equals(org.movierec.model.ModelIO.readHeader(m).type())) {
                d = d.withImportance(dcnImportance(m));
                haveImportance = true;
            }
        }
        String html = ExperimentReport.html(d, "Written by movierec " + Version.current() + " (movierec report experiment).");
        HtmlFile.write(out, html);
        spec.commandLine().getOut().println("wrote " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
