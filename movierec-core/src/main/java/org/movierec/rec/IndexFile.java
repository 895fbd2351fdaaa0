package org.movierec.rec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * An approximate {@link CandidateIndex} stored beside its model ({@code MODEL.index}), so that it
 * is built once, at train time, and read back by {@code recommend --all} instead of rebuilt. The
 * file holds a header (magic, format version, the index's kind, the number of items, the vectors'
 * length and a CRC-32 of the vectors it was built on), then the provider's bytes
 * ({@link CandidateIndex.Provider#write}). Reading checks the header against the vectors of the
 * model at hand, so an index left over from another model is refused with a reason, never used.
 */
public final class IndexFile {
    /** "MRIX". */
    static final int MAGIC = 0x4d524958;
    /** The format this class writes and reads. */
    public static final int VERSION = 1;

    private IndexFile() {
    }

    /**
     * Where the index of a model file lives: the model's path with {@code .index} appended.
     *
     * @param modelFile the model file
     * @return {@code modelFile + ".index"}
     */
    public static Path beside(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".index");
    }

    /**
     * Writes {@code index} (an approximate one, from an installed provider) to {@code file},
     * atomically (a temporary file, then a rename).
     *
     * @param file    the index file
     * @param index   the index
     * @param vectors the vectors it was built on ({@code size * dimension} floats)
     * @throws IOException           when writing fails
     * @throws IllegalArgumentException when the index is exact or no provider of its kind is installed
     */
    public static void write(Path file, CandidateIndex index, float[] vectors) throws IOException {
        if (index.exact()) {
            throw new IllegalArgumentException("an exact index is not stored (it has nothing to save)");
        }
        CandidateIndex.Provider p = CandidateIndex.provider(index.kind());
        if (p == null) {
            throw new IllegalArgumentException("no '" + index.kind() + "' index provider is installed");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(index.kind());
            out.writeInt(index.size());
            out.writeInt(index.dimension());
            out.writeLong(crc(vectors));
            p.write(index, out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the index in {@code file}, built over {@code vectors}.
     *
     * @param file    the index file
     * @param vectors the model's vectors, {@code n * dim} floats
     * @param n       the number of items
     * @param dim     the vectors' length
     * @return the index
     * @throws IOException when the file cannot be read, is not an index file, was built on other
     *                     vectors (another model, or this one retrained), or its kind is not installed;
     *                     the message names the file and the reason
     */
    public static CandidateIndex read(Path file, float[] vectors, int n, int dim) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a movierec index file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": index format " + version + "; this movierec reads " + VERSION);
            }
            String kind = in.readUTF();
            int size = in.readInt();
            int d = in.readInt();
            long crc = in.readLong();
            if (size != n || d != dim || crc != crc(vectors)) {
                throw new IOException(file + ": built on other item vectors (" + size + " x " + d
                        + ", checksum " + Long.toHexString(crc) + "; the model has " + n + " x " + dim + ", checksum "
                        + Long.toHexString(crc(vectors)) + "): the model was retrained or replaced");
            }
            CandidateIndex.Provider p = CandidateIndex.provider(kind);
            if (p == null) {
                throw new IOException(file + ": a '" + kind + "' index, and no provider of that kind is installed");
            }
            try {
                return p.read(in, vectors, n, dim);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated", e);
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }

    /** CRC-32 of the floats' bits, in order. */
    static long crc(float[] v) {
        CRC32 c = new CRC32();
        byte[] buf = new byte[4096];
        int b = 0;
        for (float x : v) {
            int bits = Float.floatToRawIntBits(x);
            buf[b++] = (byte) (bits >>> 24);
            buf[b++] = (byte) (bits >>> 16);
            buf[b++] = (byte) (bits >>> 8);
            buf[b++] = (byte) bits;
            if (b == buf.length) {
                c.update(buf, 0, b);
                b = 0;
            }
        }
        c.update(buf, 0, b);
        return c.getValue();
    }
}
