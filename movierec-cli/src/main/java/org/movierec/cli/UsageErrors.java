package org.movierec.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as the README promises them: one {@code error:} line naming the bad option, command or
 * value (with "did you mean ...?" for a typo), one line pointing to the command's {@code --help}, exit
 * code 2; never picocli's full usage text.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    /** Picocli's parameter exception handler. */
    static int handle(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + message(ex));
        err.println("run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage");
        err.flush();
        return 2;
    }

    /** The one-line message of {@code ex}. */
    static String message(ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (ex instanceof UnmatchedArgumentException u) {
            return unmatched(u.getUnmatched(), spec);
        }
        // Picocli checks required options before it reports unmatched arguments; the unmatched one
        // (a typo such as --ot for --out) is the cause, so it is the one named.
        List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
        if (unmatched != null && !unmatched.isEmpty()) {
            return unmatched(unmatched, spec);
        }
        String m = ex.getMessage() == null ? "bad arguments" : ex.getMessage().strip();
        if (m.startsWith("Unknown subcommand '") && m.indexOf('\'', 20) > 20) {
            // picocli's help command: 'movierec help trian'
            return unmatched(List.of(m.substring(20, m.indexOf('\'', 20))), spec);
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg instanceof OptionSpec o && o.names().length > 1) {
            // Picocli names an option by its longest name; the user may have typed the short one (-n).
            String all = String.join("/", o.names());
            m = m.replace("'" + o.longestName() + "'", "'" + all + "'");
        }
        if (m.startsWith("Missing required option") || m.startsWith("Missing required parameter")
                || m.startsWith("Invalid value") || m.startsWith("Expected parameter")
                || m.startsWith("Unknown option") || m.startsWith("Error: ")) {
            m = lowerFirst(m.startsWith("Error: ") ? m.substring(7) : m);
        }
        return m;
    }

    private static String unmatched(List<String> bad, CommandSpec spec) {
        String first = bad.isEmpty() ? "?" : bad.get(0);
        boolean option = first.startsWith("-") && first.length() > 1 && !isNumber(first);
        List<String> candidates = new ArrayList<>();
        String what;
        if (option) {
            what = "unknown option '" + stripValue(first) + "' for '" + spec.qualifiedName() + "'";
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    candidates.addAll(List.of(o.names()));
                }
            }
        } else if (!spec.subcommands().isEmpty()) {
            what = "unknown command '" + first + "' for '" + spec.qualifiedName() + "'";
            candidates.addAll(spec.subcommands().keySet());
        } else {
            what = "unexpected argument '" + first + "' for '" + spec.qualifiedName() + "'"
                    + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : "");
        }
        String suggestion = suggest(option ? stripValue(first) : first, candidates);
        return suggestion == null ? what : what + "; did you mean " + suggestion + "?";
    }

    /** {@code --data=x} names the option {@code --data}. */
    private static String stripValue(String arg) {
        int eq = arg.indexOf('=');
        return eq > 0 ? arg.substring(0, eq) : arg;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The closest candidate within edit distance max(2, length / 3) (case-insensitive), or one that
     * starts with the typo or is its start (both longer than 3 characters); null when nothing is close.
     * (Picocli's own suggestions compare letter pairs and offer 'synth' for 'fecth'.)
     */
    static String suggest(String typo, List<String> candidates) {
        String t = typo.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            String cl = c.toLowerCase(Locale.ROOT);
            int d = distance(t, cl);
            boolean prefix = cl.length() > 3 && t.length() > 3 && (t.startsWith(cl) || cl.startsWith(t));
            int limit = Math.max(2, Math.min(t.length(), cl.length()) / 3);
            if ((d <= limit || prefix) && d < bestD) {
                best = c;
                bestD = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
