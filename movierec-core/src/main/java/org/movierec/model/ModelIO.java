package org.movierec.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Saves and loads models in movierec's versioned binary format.
 *
 * <pre>
 * "MOVIEREC" (8 bytes) | format version (int) | model type (string) | provenance (JSON string)
 * | training dataset (users, movies, interactions) | model payload | CRC-32 of everything before (long)
 * </pre>
 *
 * The training dataset travels with the model because recommending needs the catalogue (titles),
 * the user ids and what each user has already rated. Strings are an int byte length plus UTF-8.
 * Files are written to a temporary file in the target directory and renamed into place, so a
 * crash never leaves a half-written model under the target name.
 */
public final class ModelIO {
    static final byte[] MAGIC = "MOVIEREC".getBytes(StandardCharsets.US_ASCII);
    /** Current file format version; readers accept every version up to this one. */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelIO() {
    }

    /** A loaded model with the training data it was saved with. */
    public record Saved(Model model, Dataset train) {
    }

    public static void save(Model model, Dataset train, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file owner-only (0600), and the rename would keep it so.
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
                 BufferedOutputStream buf = new BufferedOutputStream(raw, 1 << 16)) {
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buf, crc));
                out.write(MAGIC);
                out.writeInt(FORMAT_VERSION);
                writeString(out, model.type());
                writeString(out, JSON.writeValueAsString(model.provenance()));
                writeDataset(out, train);
                model.writePayload(out);
                out.flush();
                new DataOutputStream(buf).writeLong(crc.getValue());
                buf.flush();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Saved load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model file");
        }
        verifyHeaderAndChecksum(file);
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file);
             BufferedInputStream buf = new BufferedInputStream(raw, 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(buf, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not a movierec model file");
            }
            int version = in.readInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IOException(file + ": model format version " + version
                        + " is not supported by this movierec (supports 1.." + FORMAT_VERSION + ")");
            }
            String type = readString(in);
            Provenance provenance = JSON.readValue(readString(in), Provenance.class);
            Dataset train = readDataset(in);
            AlgorithmProvider reader = AlgorithmRegistry.find(type);
            if (reader == null) {
                throw new IOException(file + ": unknown model type '" + type + "' (no algorithm of that name on the"
                        + " class path; known: " + AlgorithmRegistry.names() + ")");
            }
            Model model = reader.read(in, provenance, train);
            long expected = crc.getValue();
            long stored = new DataInputStream(buf).readLong();
            if (stored != expected) {
                throw new IOException(file + ": checksum mismatch, the file is corrupted");
            }
            if (buf.read() != -1) {
                throw new IOException(file + ": trailing bytes after the checksum");
            }
            return new Saved(model, train);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated model file", e);
        }
    }

    /**
     * Checks the magic, the format version and the CRC-32 trailer in one streaming pass before any
     * field is parsed. Parsing a damaged file could otherwise fail anywhere with an unrelated error
     * (a flipped array length allocating gigabytes, an id out of range, broken JSON); after this
     * check a damaged file gets one clear message. The extra pass reads the file once more, which is
     * cheap beside parsing it. A cut-off file fails the checksum like a corrupted one, since format 1
     * records no length.
     */
    private static void verifyHeaderAndChecksum(Path file) throws IOException {
        long size = Files.size(file);
        int header = MAGIC.length + Integer.BYTES;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(header);
            int m = Math.min(head.length, MAGIC.length);
            if (!java.util.Arrays.equals(head, 0, m, MAGIC, 0, m)) {
                throw new IOException(file + ": not a movierec model file");
            }
            if (head.length < header || size < header + Long.BYTES) {
                throw new IOException(file + ": truncated model file");
            }
            int version = java.nio.ByteBuffer.wrap(head, MAGIC.length, Integer.BYTES).getInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IOException(file + ": model format version " + version
                        + " is not supported by this movierec (supports 1.." + FORMAT_VERSION + ")");
            }
            CRC32 crc = new CRC32();
            crc.update(head);
            byte[] buf = new byte[1 << 16];
            long left = size - header - Long.BYTES;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(file + ": truncated model file");
                }
                crc.update(buf, 0, n);
                left -= n;
            }
            byte[] trailer = in.readNBytes(Long.BYTES);
            if (trailer.length < Long.BYTES || java.nio.ByteBuffer.wrap(trailer).getLong() != crc.getValue()) {
                throw new IOException(file + ": checksum mismatch, the file is corrupted or truncated");
            }
        }
    }

    /**
     * Writes a model nested inside another model's payload (an ensemble's base models): its type,
     * its provenance as JSON and its payload. {@link #readModel} reads it back.
     */
    public static void writeModel(DataOutputStream out, Model model) throws IOException {
        writeString(out, model.type());
        writeString(out, JSON.writeValueAsString(model.provenance()));
        model.writePayload(out);
    }

    /** Reads a model written by {@link #writeModel}; {@code train} is the enclosing file's training data. */
    public static Model readModel(DataInputStream in, Dataset train) throws IOException {
        String type = readString(in);
        Provenance provenance = JSON.readValue(readString(in), Provenance.class);
        AlgorithmProvider reader = AlgorithmRegistry.find(type);
        if (reader == null) {
            throw new IOException("unknown nested model type '" + type + "'");
        }
        return reader.read(in, provenance, train);
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > (1 << 26)) {
            throw new IOException("corrupt string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    public static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[checkedLength(in.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = in.readFloat();
        }
        return a;
    }

    public static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] a = new double[checkedLength(in.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = in.readDouble();
        }
        return a;
    }

    public static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    public static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[checkedLength(in.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = in.readInt();
        }
        return a;
    }

    private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] a = new long[checkedLength(in.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = in.readLong();
        }
        return a;
    }

    private static int checkedLength(int n) throws IOException {
        if (n < 0) {
            throw new IOException("corrupt array length " + n);
        }
        return n;
    }

    private static void writeDataset(DataOutputStream out, Dataset d) throws IOException {
        writeString(out, d.name());
        RatingScale s = d.ratingScale();
        out.writeFloat(s.min());
        out.writeFloat(s.max());
        out.writeFloat(s.step());
        Users users = d.users();
        writeInts(out, users.ids().externalIds());
        out.writeBoolean(users.hasDemographics());
        if (users.hasDemographics()) {
            int n = users.size();
            List<String> occ = users.occupationVocabulary();
            out.writeInt(occ.size());
            for (String o : occ) {
                writeString(out, o);
            }
            for (int u = 0; u < n; u++) {
                out.writeInt(users.age(u));
                out.writeByte(users.gender(u));
                out.writeInt(users.occupation(u));
                writeString(out, users.zip(u));
            }
        }
        Movies m = d.movies();
        int nm = m.size();
        writeInts(out, m.ids().externalIds());
        out.writeInt(m.genreVocabulary().size());
        for (String g : m.genreVocabulary()) {
            writeString(out, g);
        }
        for (int i = 0; i < nm; i++) {
            writeString(out, m.title(i));
            out.writeInt(m.year(i));
            out.writeLong(m.genreBits(i));
        }
        out.writeBoolean(m.hasLinks());
        if (m.hasLinks()) {
            for (int i = 0; i < nm; i++) {
                out.writeInt(m.imdbId(i));
                out.writeInt(m.tmdbId(i));
            }
        }
        Interactions in = d.interactions();
        writeInts(out, in.usersArray());
        writeInts(out, in.itemsArray());
        writeFloats(out, in.ratingsArray());
        writeLongs(out, in.timestampsArray());
    }

    private static Dataset readDataset(DataInputStream in) throws IOException {
        String name = readString(in);
        RatingScale scale = new RatingScale(in.readFloat(), in.readFloat(), in.readFloat());
        IdIndex userIds = IdIndex.of(readInts(in));
        Users users;
        if (in.readBoolean()) {
            int no = in.readInt();
            List<String> occ = new ArrayList<>(no);
            for (int k = 0; k < no; k++) {
                occ.add(readString(in));
            }
            int n = userIds.size();
            int[] ages = new int[n];
            byte[] genders = new byte[n];
            int[] occupations = new int[n];
            String[] zips = new String[n];
            for (int u = 0; u < n; u++) {
                ages[u] = in.readInt();
                genders[u] = in.readByte();
                occupations[u] = in.readInt();
                zips[u] = readString(in);
            }
            users = Users.withDemographics(userIds, ages, genders, occupations, occ, zips);
        } else {
            users = Users.withoutDemographics(userIds);
        }
        IdIndex movieIds = IdIndex.of(readInts(in));
        int ng = in.readInt();
        List<String> genres = new ArrayList<>(ng);
        for (int g = 0; g < ng; g++) {
            genres.add(readString(in));
        }
        int nm = movieIds.size();
        String[] titles = new String[nm];
        int[] years = new int[nm];
        long[] bits = new long[nm];
        for (int i = 0; i < nm; i++) {
            titles[i] = readString(in);
            years[i] = in.readInt();
            bits[i] = in.readLong();
        }
        int[] imdb = null;
        int[] tmdb = null;
        if (in.readBoolean()) {
            imdb = new int[nm];
            tmdb = new int[nm];
            for (int i = 0; i < nm; i++) {
                imdb[i] = in.readInt();
                tmdb[i] = in.readInt();
            }
        }
        Movies movies = new Movies(movieIds, titles, years, bits, genres, imdb, tmdb);
        int[] u = readInts(in);
        int[] it = readInts(in);
        float[] r = readFloats(in);
        long[] t = readLongs(in);
        Interactions ratings;
        try {
            ratings = Interactions.ofSorted(userIds.size(), nm, u, it, r, t);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt training data in model file: " + e.getMessage(), e);
        }
        return new Dataset(name, users, movies, ratings, scale);
    }
}
