package org.movierec.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.eval.RatingErrors;
import org.movierec.eval.Report;
import org.movierec.split.Fold;

/**
 * The report as an indented JSON document: dataset, split, seed, the evaluator's settings, the folds'
 * sizes, which way each metric is better ({@code metric_info.rmse.higherIsBetter: false}) and where
 * the metrics are defined, one entry per row and the per-algorithm summary (metric names in lower case,
 * e.g. {@code rmse}, {@code ndcg@10}).
 */
public final class JsonRenderer implements ReportRenderer {
    @Override
    public String format() {
        return "json";
    }

    @Override
    public String render(Report report) {
        return toJson(report) + "\n";
    }

    /**
     * The report as JSON (the document {@code evaluate --format json} prints).
     *
     * @param report the report
     * @return the JSON document, indented, without a final newline
     */
    public static String toJson(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", report.dataset());
        root.put("split", report.split());
        root.put("seed", report.seed());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("k", report.config().k());
        cfg.put("relevance", report.config().relevance());
        cfg.put("clip", report.config().clip());
        cfg.put("normalised_scale", RatingErrors.NORM_NAME + " (mae_norm, mape_norm)");
        cfg.put("topk_accuracy_ks", report.config().topKAccuracyKs());
        root.put("config", cfg);
        // Which way each metric is better, and where it is defined.
        Map<String, Object> info = new LinkedHashMap<>();
        for (String name : report.metricNames()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Boolean higher = MetricDirection.higherIsBetter(name);
            m.put("higherIsBetter", higher);
            m.put("better", higher == null ? null : higher ? "higher" : "lower");
            info.put(name, m);
        }
        root.put("metric_info", info);
        root.put("definitions", MetricDirection.DEFINITIONS);
        List<Object> fs = new ArrayList<>();
        for (Fold.Sizes f : report.folds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("train", part(f.train()));
            m.put("validation", f.validation() == null ? null : part(f.validation()));
            m.put("test", part(f.test()));
            m.put("description", f.describe());
            fs.add(m);
        }
        root.put("folds", fs);
        List<Object> rs = new ArrayList<>();
        for (Report.Row r : report.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", r.algorithm());
            m.put("params", r.params());
            m.put("fold", r.fold());
            m.put("train_seconds", r.trainSeconds());
            m.put("eval_seconds", r.evalSeconds());
            m.put("metrics", r.result().metrics());
            m.put("counts", r.result().counts());
            rs.add(m);
        }
        root.put("rows", rs);
        List<Object> ss = new ArrayList<>();
        for (Report.Summary s : report.summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", s.algorithm());
            m.put("folds", s.folds());
            m.put("mean", s.mean());
            m.put("std", s.std());
            ss.add(m);
        }
        root.put("summary", ss);
        List<Report.Comparison> cs = report.comparisons();
        if (!cs.isEmpty()) {
            List<Object> cl = new ArrayList<>();
            for (Report.Comparison c : cs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("reference", c.reference());
                m.put("algorithm", c.algorithm());
                m.put("metric", c.metric());
                m.put("pairs", c.pairs());
                m.put("mean_diff", c.meanDiff());
                m.put("t_test_p", Double.isNaN(c.tP()) ? null : c.tP());
                m.put("wilcoxon_p", c.wilcoxonP());
                m.put("wilcoxon_exact", c.exact());
                cl.add(m);
            }
            root.put("comparisons", cl);
            root.put("comparisons_note", Report.COMPARISON_NOTE);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> part(Fold.PartSize p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratings", p.ratings());
        m.put("users", p.users());
        m.put("movies", p.movies());
        return m;
    }
}
