package org.movierec.data.io;

/**
 * Rewrites a Python literal (as {@code repr()} prints lists, dicts, strings, numbers, {@code None},
 * {@code True} and {@code False}) as JSON, so that Jackson parses it. Kaggle's "The Movies Dataset"
 * stores TMDB cast and crew this way: {@code [{'name': 'Tom Hanks', 'order': 0, 'profile_path': None}]}.
 * Strings in single or double quotes become double-quoted JSON strings; Python's escaped quote and its
 * hexadecimal escapes (a backslash and then {@code x} and 2 digits, {@code u} and 4, {@code U} and 8) become
 * JSON's; the three keywords become {@code null},
 * {@code true} and {@code false}. Valid JSON passes through unchanged. Numbers, brackets and
 * punctuation are copied; whatever else is wrong is left for the JSON parser to report.
 */
final class PythonLiteral {
    private PythonLiteral() {
    }

    /**
     * @param literal the Python literal
     * @return the same value as JSON text
     * @throws IllegalArgumentException on an unterminated string or an escape Python does not have
     */
    static String toJson(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 16);
        int n = literal.length();
        int i = 0;
        while (i < n) {
            char c = literal.charAt(i);
            if (c == '\'' || c == '"') {
                i = string(literal, i, out);
            } else if (Character.isLetter(c)) {
                int s = i;
                while (i < n && Character.isLetterOrDigit(literal.charAt(i))) {
                    i++;
                }
                String word = literal.substring(s, i);
                out.append(switch (word) {
                    case "None" -> "null";
                    case "True" -> "true";
                    case "False" -> "false";
                    default -> word; // JSON's own null/true/false, or an error for the parser to name
                });
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the string starting at {@code i} (its opening quote) as a JSON string; returns the index after it. */
    private static int string(String s, int i, StringBuilder out) {
        char quote = s.charAt(i);
        int n = s.length();
        out.append('"');
        i++;
        while (true) {
            if (i >= n) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = s.charAt(i);
            if (c == quote) {
                out.append('"');
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char e = s.charAt(i + 1);
                switch (e) {
                    case '\'' -> out.append('\'');
                    case '"' -> out.append("\\\"");
                    case '\\', '/', 'b', 'f', 'n', 'r', 't' -> out.append('\\').append(e);
                    case 'x' -> {
                        out.append(String.format("\\u%04x", hex(s, i + 2, 2)));
                        i += 2;
                    }
                    case 'u' -> {
                        out.append(String.format("\\u%04x", hex(s, i + 2, 4)));
                        i += 4;
                    }
                    case 'U' -> {
                        int cp = hex(s, i + 2, 8);
                        if (!Character.isValidCodePoint(cp)) {
                            throw new IllegalArgumentException("bad \\U escape: code point " + cp);
                        }
                        for (char ch : Character.toChars(cp)) {
                            out.append(String.format("\\u%04x", (int) ch));
                        }
                        i += 8;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + e);
                }
                i += 2;
            } else if (c == '"') {
                out.append("\\\""); // a double quote inside a single-quoted Python string
                i++;
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            throw new IllegalArgumentException("short hexadecimal escape");
        }
        int v = 0;
        for (int k = from; k < from + digits; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                throw new IllegalArgumentException("bad hexadecimal digit '" + s.charAt(k) + "' in an escape");
            }
            v = v * 16 + d;
        }
        return v;
    }
}
