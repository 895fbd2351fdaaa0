package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.eval.ExperimentConfig;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.ParamArgs;

/**
 * The {@code --param} and {@code --config} handling that {@code train}, {@code evaluate} and
 * {@code tune} share (see {@link ParamArgs} for the syntax).
 */
final class AlgoParams {
    private AlgoParams() {
    }

    /** Whether {@code name} is an algorithm (to tell {@code fm.rank=4} from a nested key). */
    static boolean isAlgorithm(String name) {
        return AlgorithmRegistry.contains(name);
    }

    /** {@code --param} texts grouped by algorithm (every one of {@code algorithms} present). */
    static Map<String, Map<String, String>> parse(List<String> params, List<String> algorithms) {
        return ParamArgs.parse(params, algorithms, AlgoParams::isAlgorithm);
    }

    /** The experiment file, checked. */
    static ExperimentConfig load(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Main.UserException("--config " + file + ": no such file");
        }
        return ExperimentConfig.load(file);
    }

    /**
     * The algorithms with their overrides: from {@code --algo} and {@code --param}, or from the config
     * file with {@code --param} applied on top (an explicit {@code --algo} together with a file's
     * algorithms is an error).
     */
    static Map<String, Map<String, String>> algorithms(List<String> algo, List<String> params, ExperimentConfig cfg,
                                                      String command) {
        boolean fromFile = cfg != null && !cfg.algorithms().isEmpty();
        if (fromFile && algo != null && !algo.isEmpty()) {
            throw new Main.UserException("give the algorithms either in --config or with --algo, not both");
        }
        if (!fromFile && (algo == null || algo.isEmpty())) {
            throw new Main.UserException(command + " needs --algo NAME (or a --config file with algorithms)");
        }
        List<String> names = new ArrayList<>();
        Map<String, Map<String, String>> base = new LinkedHashMap<>();
        if (fromFile) {
            for (ExperimentConfig.AlgorithmConfig a : cfg.algorithms()) {
                if (base.put(a.name(), new LinkedHashMap<>(a.params())) != null) {
                    throw new Main.UserException("--config names algorithm '" + a.name() + "' twice");
                }
                names.add(a.name());
            }
        } else {
            for (String a : algo) {
                names.add(a.trim());
                base.put(a.trim(), new LinkedHashMap<>());
            }
        }
        parse(params, names).forEach((a, p) -> base.get(a).putAll(p));
        return base;
    }
}
