package org.movierec.data.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.movierec.data.DataFormatException;

/**
 * Iterates over the lines of a file as byte ranges of one reused buffer, so that reading 25 million
 * ratings creates no String or other object per line. Lines end with {@code \n} or {@code \r\n}; the
 * last line may lack its terminator. The buffer grows only for a line longer than itself.
 */
final class LineReader implements LineSource, Closeable {
    private static final int BUFFER = 1 << 20;

    private final Path file;
    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long lineNo;
    /** Lines read so far; more than {@link #lineNo} while a record spans lines. */
    private long physical;

    LineReader(Path file) throws IOException {
        this.file = file;
        try {
            this.in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "missing required file");
        }
    }

    /** Opens a file that must exist and hold at least one non-blank line. */
    static LineReader open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new DataFormatException(file, 0, "missing required file");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory, expected a file");
        }
        return new LineReader(file);
    }

    Path file() {
        return file;
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        int i = lineEnd(false);
        if (i < 0) {
            return false;
        }
        setLine(pos, i);
        pos = i < limit ? i + 1 : limit;
        return true;
    }

    /**
     * Where the line from {@code pos} ends: the index of its {@code \n}, {@code limit} for a last line
     * without one, -1 at the end of the file. Reads on as needed; the bytes before {@code pos} are
     * dropped then, or, with {@code keepCurrent}, only those before the current line's start (every
     * offset kept here moves with them).
     */
    private int lineEnd(boolean keepCurrent) throws IOException {
        int i = pos;
        while (true) {
            for (; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            if (eof) {
                return pos < limit ? limit : -1;
            }
            int keep = keepCurrent ? start : pos;
            if (keep > 0) {
                System.arraycopy(buf, keep, buf, 0, limit - keep);
                limit -= keep;
                pos -= keep;
                i -= keep;
                start -= keep;
                end -= keep;
            }
            read();
        }
    }

    /** {@code to}, less a {@code \r} just before it. */
    private int trimCr(int from, int to) {
        return to > from && buf[to - 1] == '\r' ? to - 1 : to;
    }

    private void setLine(int from, int to) {
        to = trimCr(from, to);
        if (lineNo == 0 && to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
                && buf[from + 2] == (byte) 0xBF) {
            from += 3; // UTF-8 byte order mark
        }
        start = from;
        end = to;
        physical++;
        lineNo = physical;
    }

    /**
     * Extends the current line to the end of the next one; the line break between them stays in
     * the range. The first line's number is kept for errors.
     */
    @Override
    public boolean extend() throws IOException {
        int i = lineEnd(true);
        if (i < 0) {
            return false;
        }
        end = trimCr(pos, i);
        pos = i < limit ? i + 1 : limit;
        physical++;
        return true;
    }

    /** Reads more bytes after {@code limit}, growing the buffer when it is full. */
    private void read() throws IOException {
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int start() {
        return start;
    }

    @Override
    public int end() {
        return end;
    }

    /** 1-based number of the current line. */
    @Override
    public long lineNo() {
        return lineNo;
    }

    /** True when the current line holds only spaces or tabs. */
    boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public DataFormatException error(String reason) {
        return new DataFormatException(file, lineNo, reason);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
