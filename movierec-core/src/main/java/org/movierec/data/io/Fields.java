package org.movierec.data.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.movierec.data.DataFormatException;
import org.movierec.data.RatingScale;

/**
 * The fields of the current line of a {@link LineSource}, as byte ranges, with byte-level number
 * parsing (no String, no regex, no split per line: this is the hot path of a 25M-rating load) and
 * strict text decoding ({@link CodingErrorAction#REPORT}: undecodable bytes are an error naming the
 * line, never a silent replacement character).
 *
 * <p>Three separator styles: a single byte (tab, pipe, comma), the ML-1M/10M {@code ::}, and
 * RFC 4180 CSV, where a field may be quoted, a quote inside a quoted field is doubled, and a quoted
 * field may span lines (the record then ends where its last quoted field closes).
 */
final class Fields {
    private final LineSource line;
    private final CharsetDecoder decoder;
    private byte[] buf;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] quoted = new boolean[32];
    private int count;

    Fields(LineSource line, Charset charset) {
        this.line = line;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    int count() {
        return count;
    }

    long lineNo() {
        return line.lineNo();
    }

    DataFormatException error(String reason) {
        return line.error(reason);
    }

    private void add(int s, int e, boolean q) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            quoted = Arrays.copyOf(quoted, count * 2);
        }
        starts[count] = s;
        ends[count] = e;
        quoted[count] = q;
        count++;
    }

    /** Splits the current line at every {@code sep} byte. */
    Fields split(byte sep) {
        buf = line.buffer();
        count = 0;
        int s = line.start();
        int e = line.end();
        for (int i = s; i < e; i++) {
            if (buf[i] == sep) {
                add(s, i, false);
                s = i + 1;
            }
        }
        add(s, e, false);
        return this;
    }

    /** Splits the current line at every {@code ::}. */
    Fields splitDoubleColon() {
        buf = line.buffer();
        count = 0;
        int s = line.start();
        int e = line.end();
        for (int i = s; i < e - 1; i++) {
            if (buf[i] == ':' && buf[i + 1] == ':') {
                add(s, i, false);
                s = i + 2;
                i++;
            }
        }
        add(s, e, false);
        return this;
    }

    /**
     * Splits the current line as one RFC 4180 record. A quoted field may hold line breaks (TMDB's and
     * Kaggle's CSV files have them in overviews): the record then takes in the next lines, up to
     * {@link LineSource#MAX_RECORD_BYTES}, and errors name its first line.
     */
    Fields splitCsv() throws java.io.IOException {
        buf = line.buffer();
        count = 0;
        int i = line.start();
        int e = line.end();
        while (true) {
            if (i < e && buf[i] == '"') {
                int s = i + 1;
                int j = s;
                while (true) {
                    if (j >= e) {
                        // the field goes on on the next line: take it in and scan on from here
                        int shift = line.extendOpenField(count + 1);
                        for (int f = 0; f < count; f++) {
                            starts[f] -= shift;
                            ends[f] -= shift;
                        }
                        s -= shift;
                        j -= shift;
                        buf = line.buffer();
                        e = line.end();
                        continue;
                    }
                    if (buf[j] == '"') {
                        if (j + 1 < e && buf[j + 1] == '"') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                add(s, j, true);
                i = j + 1;
                if (i == e) {
                    return this;
                }
                if (buf[i] != ',') {
                    throw error("unexpected character after the closing quote of field " + count);
                }
                i++;
            } else {
                int s = i;
                while (i < e && buf[i] != ',') {
                    if (buf[i] == '"') {
                        throw error("quote inside unquoted field " + (count + 1) + " (RFC 4180 requires quoting)");
                    }
                    i++;
                }
                add(s, i, false);
                if (i == e) {
                    return this;
                }
                i++;
            }
        }
    }

    /** Fails unless the line has exactly {@code n} fields. */
    Fields expect(int n, String layout) {
        if (count != n) {
            throw error((count < n ? "missing column: " : "extra column: ") + "expected " + n + " fields ("
                    + layout + "), found " + count);
        }
        return this;
    }

    boolean isEmpty(int f) {
        return starts[f] == ends[f];
    }

    /** A non-negative decimal int. */
    int intAt(int f, String what) {
        int s = starts[f];
        int e = ends[f];
        if (s == e) {
            throw error("empty " + what);
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw error("non-numeric " + what + " '" + text(f) + "'");
            }
            v = v * 10 + d;
            if (v > Integer.MAX_VALUE) {
                throw error(what + " '" + text(f) + "' is too large");
            }
        }
        return (int) v;
    }

    /** A non-negative decimal long (timestamps in seconds). */
    long longAt(int f, String what) {
        int s = starts[f];
        int e = ends[f];
        if (s == e) {
            throw error("empty " + what);
        }
        if (e - s > 18) {
            throw error(what + " '" + text(f) + "' is too large");
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw error("non-numeric " + what + " '" + text(f) + "'");
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * A rating such as {@code 4}, {@code 3.5} or {@code 4.0}, checked against the scale's range and
     * grid. Parsed as integer and fraction digits, so no String is made for a valid rating.
     */
    float ratingAt(int f, RatingScale scale) {
        int s = starts[f];
        int e = ends[f];
        if (s == e) {
            throw error("empty rating");
        }
        long whole = 0;
        long frac = 0;
        long div = 1;
        boolean dot = false;
        for (int i = s; i < e; i++) {
            byte b = buf[i];
            if (b == '.' && !dot && i > s && i < e - 1) {
                dot = true;
                continue;
            }
            int d = b - '0';
            if (d < 0 || d > 9 || (dot ? div >= 1_000_000_000L : whole > 1_000_000)) {
                throw error("non-numeric rating '" + text(f) + "'");
            }
            if (dot) {
                frac = frac * 10 + d;
                div *= 10;
            } else {
                whole = whole * 10 + d;
            }
        }
        float r = (float) (whole + (double) frac / div);
        if (!scale.isValid(r)) {
            throw error("rating " + text(f) + " is outside " + fmt(scale.min()) + ".." + fmt(scale.max())
                    + " or off its grid of step " + fmt(scale.step()));
        }
        return r;
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    /** The field decoded strictly; an undecodable byte sequence is an error naming the line. */
    String stringAt(int f, String what) {
        return decode(starts[f], ends[f], quoted[f], what);
    }

    /** The bytes from the start of field {@code from} to the end of field {@code to}, decoded. */
    String span(int from, int to, String what) {
        return decode(starts[from], ends[to], false, what);
    }

    private String decode(int s, int e, boolean unquote, String what) {
        String v;
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            v = new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
        } else {
            try {
                decoder.reset();
                CharBuffer cb = decoder.decode(ByteBuffer.wrap(buf, s, e - s));
                v = cb.toString();
            } catch (CharacterCodingException ex) {
                int col = s - line.start() + 1;
                throw error("bytes in " + what + " (from byte " + col + " of the line) are not valid "
                        + decoder.charset().name() + ": " + ex.getMessage());
            }
        }
        return unquote && v.indexOf('"') >= 0 ? v.replace("\"\"", "\"") : v;
    }

    /** The field as ISO-8859-1 text, shortened, for error messages only. */
    String text(int f) {
        int len = Math.min(40, ends[f] - starts[f]);
        String t = new String(buf, starts[f], len, StandardCharsets.ISO_8859_1);
        return len < ends[f] - starts[f] ? t + "..." : t;
    }

    boolean equalsAscii(int f, String s) {
        int len = ends[f] - starts[f];
        if (len != s.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[starts[f] + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
