package org.movierec.data.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A text file written to a temporary sibling and renamed over the target on {@link #commit()}, so a
 * reader never sees half a file and a failed write leaves the old file (or none). Numbers are
 * formatted straight into bytes (a 25M-rating file would otherwise create 100M small Strings); text
 * is encoded strictly: a character the charset cannot hold is an {@link IllegalArgumentException}
 * naming the value, never a silent '?'.
 */
final class AtomicFile implements Closeable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private final CharsetEncoder encoder;
    private final byte[] digits = new byte[20];
    private boolean committed;

    AtomicFile(Path target, Charset charset) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file owner-only (0600), and the rename would keep it so.
        this.temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        this.out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 20);
        this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    AtomicFile ascii(char c) throws IOException {
        out.write(c);
        return this;
    }

    AtomicFile ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
        return this;
    }

    AtomicFile text(String s, String what) throws IOException {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        if (ascii) {
            return ascii(s);
        }
        try {
            encoder.reset();
            ByteBuffer b = encoder.encode(CharBuffer.wrap(s));
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " '" + s + "' cannot be written in " + encoder.charset().name()
                    + " (the encoding of " + target.getFileName() + ")");
        }
        return this;
    }

    AtomicFile number(long v) throws IOException {
        if (v < 0) {
            out.write('-');
            if (v == Long.MIN_VALUE) {
                return ascii("9223372036854775808");
            }
            v = -v;
        }
        int k = digits.length;
        do {
            digits[--k] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        out.write(digits, k, digits.length - k);
        return this;
    }

    AtomicFile newline() throws IOException {
        out.write('\n');
        return this;
    }

    /** Flushes, closes and renames the temporary file over the target. */
    void commit() throws IOException {
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Without a commit, discards the temporary file. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
