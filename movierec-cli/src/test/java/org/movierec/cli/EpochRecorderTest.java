package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.eval.Evaluator;
import org.movierec.eval.Report;
import org.movierec.util.ProgressListener;

/** {@code evaluate --report} gives each (algorithm, fold) the epoch events seen while it trained. */
class EpochRecorderTest {
    static Report.Row row(String algo, String fold) {
        return new Report.Row(algo, Map.of(), fold, new Evaluator.Result(Map.of("rmse", 1.0), Map.of()), 0, 0);
    }

    @Test
    void epochsBelongToTheRowReportedAfterThemAndArePassedOn() {
        List<Integer> forwarded = new ArrayList<>();
        ProgressListener next = new ProgressListener() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void advance(long steps) {
            }

            @Override
            public void done() {
            }

            @Override
            public void epoch(int epoch, double trainLoss, Map<String, Double> validation) {
                forwarded.add(epoch);
            }
        };
        EvaluateCommand.EpochRecorder r = new EvaluateCommand.EpochRecorder(next);
        r.epoch(1, 0.9, Map.of("rmse", 1.1));
        r.epoch(2, 0.8, Map.of("rmse", 1.0));
        r.row(row("biased-mf", "u1"));
        r.row(row("ease", "u1")); // closed form: no epochs, no curve
        r.epoch(1, 0.7, Map.of());
        r.row(row("biased-mf", "u2"));
        assertThat(forwarded).containsExactly(1, 2, 1);
        assertThat(r.curves()).extracting(c -> c.label()).containsExactly("biased-mf on u1", "biased-mf on u2");
        assertThat(r.curves().get(0).history().epochs()).extracting(e -> e.trainLoss()).containsExactly(0.9, 0.8);
        assertThat(r.curves().get(1).history().epochs()).hasSize(1);
    }
}
