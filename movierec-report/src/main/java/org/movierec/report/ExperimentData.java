package org.movierec.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.movierec.eval.Report;
import org.movierec.model.TrainingHistory;

/**
 * What an experiment report shows: the rows of one or more evaluation results (the JSON that
 * {@code movierec evaluate --format json} writes, or a {@link Report} in memory), plus learning curves,
 * a feature-importance matrix, the reports' published numbers and top-N examples when given.
 */
public final class ExperimentData {
    /** One algorithm (with its parameter overrides) on one fold. */
    public record Row(String algorithm, Map<String, String> params, String fold, Map<String, Double> metrics,
                      double trainSeconds, double evalSeconds) {
        public Row {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** The algorithm with its overrides, e.g. {@code biased-mf (k=50, learningRate=0.01)}. */
        public String label() {
            if (params.isEmpty()) {
                return algorithm;
            }
            StringBuilder b = new StringBuilder(algorithm).append(" (");
            String sep = "";
            for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
                b.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
            return b.append(')').toString();
        }
    }

    /** A learning curve with what it belongs to (algorithm and fold or model file). */
    public record Curve(String label, TrainingHistory history) {
    }

    /** A matrix with labelled rows and columns (the DCN feature importance). */
    public record Matrix(String title, List<String> rows, List<String> columns, double[][] values) {
    }

    /** A published number: what a project report or a peer library measured. */
    public record Reference(String source, String dataset, String protocol, String algorithm, String metric,
                            double value) {
    }

    /** A model's top-N list for one user, with what the user liked. */
    public record Example(String model, int userId, List<String> liked, List<String> titles, List<Double> scores) {
    }

    final String dataset;
    final String split;
    final List<Row> rows;
    final List<Curve> curves;
    final Matrix importance;
    final List<Reference> references;
    final List<Example> examples;

    public ExperimentData(String dataset, String split, List<Row> rows, List<Curve> curves, Matrix importance,
                          List<Reference> references, List<Example> examples) {
        this.dataset = dataset;
        this.split = split;
        this.rows = List.copyOf(rows);
        this.curves = List.copyOf(curves);
        this.importance = importance;
        this.references = List.copyOf(references);
        this.examples = List.copyOf(examples);
    }

    public ExperimentData withCurves(List<Curve> more) {
        List<Curve> all = new ArrayList<>(curves);
        all.addAll(more);
        return new ExperimentData(dataset, split, rows, all, importance, references, examples);
    }

    public ExperimentData withImportance(Matrix m) {
        return new ExperimentData(dataset, split, rows, curves, m, references, examples);
    }

    public ExperimentData withReferences(List<Reference> refs) {
        return new ExperimentData(dataset, split, rows, curves, importance, refs, examples);
    }

    public ExperimentData withExamples(List<Example> more) {
        List<Example> all = new ArrayList<>(examples);
        all.addAll(more);
        return new ExperimentData(dataset, split, rows, curves, importance, references, all);
    }

    /** The rows of an evaluation report in memory. */
    public static ExperimentData of(Report r) {
        List<Row> rows = new ArrayList<>();
        for (Report.Row x : r.rows()) {
            rows.add(new Row(x.algorithm(), x.params(), x.fold(), x.result().metrics(), x.trainSeconds(),
                    x.evalSeconds()));
        }
        return new ExperimentData(r.dataset(), r.split(), rows, List.of(), null, References.defaults(), List.of());
    }

    /**
     * Reads one or more results files written by {@code movierec evaluate --format json} and pools their
     * rows (several files make one leaderboard, e.g. a learning-rate sweep run one rate per file). An
     * optional {@code histories} array ({@code [{algorithm, fold, epochs: [{epoch, train_loss, validation}]}]})
     * adds learning curves.
     */
    public static ExperimentData read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no results file given");
        }
        ObjectMapper om = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        List<Curve> curves = new ArrayList<>();
        List<String> datasets = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        for (Path f : files) {
            JsonNode root;
            try {
                root = om.readTree(f.toFile());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(f + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                        + e.getLocation().getLineNr() + ")");
            }
            if (root == null || !root.isObject() || !root.path("rows").isArray()) {
                throw new IllegalArgumentException(f + ": not a results file of 'movierec evaluate --format json' "
                        + "(no 'rows' array)");
            }
            add(datasets, root.path("dataset").asText(""));
            add(splits, root.path("split").asText(""));
            int i = 0;
            for (JsonNode r : root.path("rows")) {
                String where = f + ": rows[" + i++ + "]";
                String algo = text(r, "algorithm", where);
                Map<String, String> params = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                if (!r.path("metrics").isObject()) {
                    throw new IllegalArgumentException(where + ": no 'metrics' object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = r.path("metrics").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isNumber()) {
                        throw new IllegalArgumentException(where + ": metric '" + e.getKey() + "' is "
                                + e.getValue() + ", not a number");
                    }
                    metrics.put(e.getKey(), e.getValue().asDouble());
                }
                rows.add(new Row(algo, params, r.path("fold").asText("all"), metrics,
                        r.path("train_seconds").asDouble(Double.NaN), r.path("eval_seconds").asDouble(Double.NaN)));
            }
            int h = 0;
            for (JsonNode c : root.path("histories")) {
                String where = f + ": histories[" + h++ + "]";
                List<TrainingHistory.Epoch> epochs = new ArrayList<>();
                for (JsonNode e : c.path("epochs")) {
                    Map<String, Double> v = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = e.path("validation").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> x = it.next();
                        v.put(x.getKey(), x.getValue().isNumber() ? x.getValue().asDouble() : Double.NaN);
                    }
                    epochs.add(new TrainingHistory.Epoch(e.path("epoch").asInt(epochs.size() + 1),
                            e.path("train_loss").asDouble(Double.NaN), v));
                }
                String fold = c.path("fold").asText("");
                curves.add(new Curve(text(c, "algorithm", where) + (fold.isEmpty() ? "" : " on " + fold),
                        new TrainingHistory(epochs)));
            }
        }
        return new ExperimentData(String.join(", ", datasets), String.join(", ", splits), rows, curves, null,
                References.defaults(), List.of());
    }

    /**
     * Reads a feature-importance matrix: {@code {"title": optional, "rows": [names], "columns": [names],
     * "values": [[row 0], [row 1], ...]}} ({@code "matrix"} is accepted for {@code "values"}).
     */
    public static Matrix readMatrix(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected an object with rows, columns and values");
        }
        List<String> rows = names(root, "rows", file);
        List<String> cols = names(root, "columns", file);
        JsonNode vals = root.has("values") ? root.get("values") : root.get("matrix");
        if (vals == null || !vals.isArray() || vals.size() != rows.size()) {
            throw new IllegalArgumentException(file + ": 'values' must be an array of " + rows.size()
                    + " rows (one per name in 'rows')");
        }
        double[][] v = new double[rows.size()][cols.size()];
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = vals.get(r);
            if (!row.isArray() || row.size() != cols.size()) {
                throw new IllegalArgumentException(file + ": values[" + r + "] must hold " + cols.size()
                        + " numbers (one per name in 'columns')");
            }
            for (int c = 0; c < cols.size(); c++) {
                if (!row.get(c).isNumber()) {
                    throw new IllegalArgumentException(file + ": values[" + r + "][" + c + "] is " + row.get(c)
                            + ", not a number");
                }
                v[r][c] = row.get(c).asDouble();
            }
        }
        return new Matrix(root.path("title").asText("Feature importance"), rows, cols, v);
    }

    private static List<String> names(JsonNode root, String key, Path file) {
        JsonNode a = root.get(key);
        if (a == null || !a.isArray() || a.isEmpty()) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a non-empty array of names");
        }
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": no '" + key + "' text");
        }
        return v.asText();
    }

    private static void add(List<String> list, String s) {
        if (!s.isEmpty() && !list.contains(s)) {
            list.add(s);
        }
    }
}
