package org.movierec.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one {@code --param} syntax of {@code train}, {@code evaluate} and {@code tune}:
 * {@code algo.key=value} is accepted everywhere; a bare {@code key=value} (which may itself be a
 * dotted path into a nested config, {@code tower.dropout=0.1}) when one algorithm is given. A key
 * whose first part is one of the given algorithms belongs to it; one whose first part names another
 * known algorithm is an error (it is not in {@code --algo}).
 */
public final class ParamArgs {
    private ParamArgs() {
    }

    /**
     * {@code --param} texts grouped by algorithm, in the order of {@code algorithms} (each present,
     * possibly with no overrides).
     *
     * @param params      the {@code --param} texts, {@code algo.key=value} or {@code key=value}; null means none
     * @param algorithms  the algorithms of {@code --algo}, in order
     * @param isAlgorithm whether a name is a known algorithm (to tell {@code fm.rank} from a nested key)
     * @return algorithm to (key to value text), one entry per algorithm
     * @throws IllegalArgumentException naming the {@code --param} that has no '=', names an algorithm not
     *                                  given, is ambiguous with several algorithms, or repeats a key
     */
    public static Map<String, Map<String, String>> parse(List<String> params, List<String> algorithms,
                                                          Predicate<String> isAlgorithm) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String a : algorithms) {
            out.put(a, new LinkedHashMap<>());
        }
        for (String p : params == null ? List.<String>of() : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param '" + p + "' is not of the form "
                        + (algorithms.size() == 1 ? "key=value or " : "") + "algo.key=value");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            int dot = key.indexOf('.');
            String first = dot > 0 ? key.substring(0, dot) : null;
            String algo;
            String rest;
            if (first != null && out.containsKey(first)) {
                algo = first;
                rest = key.substring(dot + 1);
            } else if (first != null && isAlgorithm.test(first)) {
                throw new IllegalArgumentException("--param '" + p + "' names algorithm '" + first
                        + "', which is not in --algo " + String.join(",", algorithms));
            } else if (algorithms.size() == 1) {
                algo = algorithms.get(0);
                rest = key;
            } else {
                throw new IllegalArgumentException("--param '" + p + "': with several algorithms, say which one: "
                        + "algo.key=value with algo one of " + String.join(", ", algorithms));
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("--param '" + p + "' has no key after '" + algo + ".'");
            }
            if (out.get(algo).put(rest, value) != null) {
                throw new IllegalArgumentException("--param " + algo + "." + rest + " is given twice");
            }
        }
        return out;
    }

    /**
     * Splits {@code v1,v2,...} at the commas that are outside brackets, braces and quotes, so that
     * {@code [64,32],[128,64]} is two values. Blank values are an error.
     *
     * @param text the values as {@code tune} takes them
     * @return the values, trimmed
     * @throws IllegalArgumentException naming the text when a value is blank or a bracket is unbalanced
     */
    public static List<String> splitValues(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, k).trim());
                start = k + 1;
            }
        }
        out.add(text.substring(start).trim());
        if (depth != 0 || quote != 0) {
            throw new IllegalArgumentException("'" + text + "' has unbalanced brackets or quotes");
        }
        for (String v : out) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty value (write v1,v2,...)");
            }
        }
        return out;
    }
}
