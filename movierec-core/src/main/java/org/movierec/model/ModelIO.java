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
import java.util.Map;
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
 * | training dataset (users, movies, rated movies) | model payload | CRC-32 of everything before (long)
 * </pre>
 *
 * The training dataset travels with the model because recommending needs the catalogue (titles),
 * the user ids and what each user has already rated. Strings are an int byte length plus UTF-8.
 *
 * <p><b>Format 2</b> (lean) keeps of the training ratings only what serving needs: each user's rated
 * movies and ratings, in their training order, and the dataset's fingerprint. Per user a varint
 * count; the movie ids as zig-zag varints of the difference to the user's previous movie (the
 * order is kept, not sorted, because models that sum over a user's ratings, such as EASE and item
 * kNN, must add in the same order to give the same floats); each rating as one byte, its index on
 * the rating scale's grid ({@code min + index * step} gives back the very same float), or as raw
 * floats when some rating is off the grid. Timestamps are dropped: a loaded user's ratings carry
 * their rank (0, 1, ...) as time, which keeps their order, and {@link Saved#datasetFingerprint()}
 * gives the fingerprint of the real data. On ML-100k this is about 3 bytes a rating instead of
 * format 1's 20 (user, movie, rating, timestamp). A model whose payload reader needs more of the
 * training data than this must store it in its own payload.
 *
 * <p><b>Format 3</b> is format 2 with one more block right after the rating scale, written only
 * for training data that needs it (so every MovieLens model is still written as format 2, byte
 * for byte): the feedback kind (byte: 0 explicit, 1 implicit) and the string ids of the users and
 * of the movies (each a boolean "present", then one string per dense index), see
 * {@link IdIndex#named(int[], String[])}; the int ids written with them stay the external ids.
 *
 * <p><b>Format 1</b> files (every rating with its timestamp) still load, with identical scores.
 * Files are written to a temporary file in the target directory and renamed into place, so a
 * crash never leaves a half-written model under the target name.
 */
public final class ModelIO {
    static final byte[] MAGIC = "MOVIEREC".getBytes(StandardCharsets.US_ASCII);
    /** Current file format version; readers accept every version up to this one. */
    public static final int FORMAT_VERSION = 2;
    /**
     * Format 2 plus the string ids and feedback kind of data read with the generic interactions
     * reader; written only for such data (see the class comment). Readers accept 1..this.
     */
    public static final int NAMED_IDS_VERSION = 3;
    /** Rating column of format 2: one byte per rating, its index on the scale's grid. */
    private static final byte RATINGS_GRID = 0;
    /** Rating column of format 2: raw floats (some rating is off the grid or the grid is too long). */
    private static final byte RATINGS_FLOAT = 1;
    /**
     * Provenance JSON. Only record components are properties: derived getters such as
     * {@code TrainingHistory.isEmpty()} are not written (a reader would reject them as unknown).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS).build();
    }

    /** The factory of {@link #provenanceJson}'s generator: Jackson's defaults, as the mapper's. */
    private static final com.fasterxml.jackson.core.JsonFactory JSON_FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    private ModelIO() {
    }

    /**
     * The provenance as the JSON text data binding ({@code Json.MAPPER}) writes for it, character for character
     * ({@code ModelIOTest} checks), but through Jackson's streaming generator: building the
     * data-binding serializers for the record costs about 0.1 s of a short {@code train} command's
     * start, the generator almost nothing. Reading stays with data binding.
     */
    static String provenanceJson(Provenance p) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter(512);
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON_FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("algorithm", p.algorithm());
            g.writeFieldName("hyperparameters");
            writeStringMap(g, p.hyperparameters());
            g.writeNumberField("seed", p.seed());
            g.writeStringField("dataset", p.dataset());
            g.writeStringField("datasetFingerprint", p.datasetFingerprint());
            g.writeStringField("split", p.split());
            g.writeStringField("movierecVersion", p.movierecVersion());
            g.writeStringField("trainedAt", p.trainedAt());
            g.writeNumberField("trainingSeconds", p.trainingSeconds());
            g.writeFieldName("validationMetrics");
            writeDoubleMap(g, p.validationMetrics());
            g.writeFieldName("history");
            if (p.history() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeArrayFieldStart("epochs");
                for (TrainingHistory.Epoch e : p.history().epochs()) {
                    g.writeStartObject();
                    g.writeNumberField("epoch", e.epoch());
                    g.writeNumberField("trainLoss", e.trainLoss());
                    g.writeFieldName("validation");
                    writeDoubleMap(g, e.validation());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return text.toString();
    }

    private static void writeStringMap(com.fasterxml.jackson.core.JsonGenerator g, Map<String, String> m)
            throws IOException {
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeDoubleMap(com.fasterxml.jackson.core.JsonGenerator g, Map<String, Double> m)
            throws IOException {
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Double> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            if (e.getValue() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.getValue());
            }
        }
        g.writeEndObject();
    }

    /**
     * A loaded model with the training data it was saved with.
     *
     * @param train              the users, the movies and each user's rated movies with their ratings;
     *                           from a format-2 file without timestamps (see the class comment)
     * @param model              the model, with the provenance it was saved with
     * @param datasetFingerprint {@link Dataset#fingerprint()} of the full training data it was saved with
     */
    public record Saved(Model model, Dataset train, String datasetFingerprint) {
    }

    /**
     * Saves a model with its training data in the current format: written to a temporary file in the
     * target directory, then renamed into place, so a reader never sees half a file and an existing file
     * is replaced only by a complete one. Thread-safe (no shared state).
     *
     * @param model the model
     * @param train the data it was trained on (its users, movies and ratings are stored: recommending
     *              needs the catalogue and what each user rated)
     * @param file  the model file; its parent directories are created when missing
     * @throws IOException when writing fails (the temporary file is removed)
     */
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
                out.writeInt(needsNamedIds(train) ? NAMED_IDS_VERSION : FORMAT_VERSION);
                writeString(out, model.type());
                writeString(out, provenanceJson(model.provenance()));
                writeDataset(out, train, needsNamedIds(train));
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

    /**
     * What a model file says about itself before its payload: the format version, the model type and
     * the provenance. Reads only the start of the file and needs no algorithm on the class path; the
     * checksum is not verified here ({@link #load} does that).
     *
     * @param formatVersion the file format version (1.. {@link #NAMED_IDS_VERSION})
     * @param type          the model type, the algorithm's name
     * @param provenance    how, when and on what the model was trained
     */
    public record Header(int formatVersion, String type, Provenance provenance) {
    }

    /**
     * The header of {@code file}, without reading its payload.
     *
     * @param file a model file
     * @return its format version, type and provenance
     * @throws IOException naming the file when it is missing, not a model file, of a newer format or truncated
     */
    public static Header readHeader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model file");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not a movierec model file");
            }
            int version = in.readInt();
            if (version < 1 || version > NAMED_IDS_VERSION) {
                throw new IOException(file + ": model format version " + version
                        + " is not supported by this movierec (supports 1.." + NAMED_IDS_VERSION + ")");
            }
            String type = readString(in);
            return new Header(version, type, Json.MAPPER.readValue(readString(in), Provenance.class));
        } catch (EOFException e) {
            throw new IOException(file + ": truncated model file", e);
        }
    }

    /**
     * Loads a model file of any format version up to {@link #FORMAT_VERSION}. The header and CRC-32 are
     * checked in one pass before anything is parsed.
     *
     * @param file a file written by {@link #save}
     * @return the model, equal in every score to the one saved, and its training data
     * @throws IOException naming the file when it is missing, not a model file, of a newer format, of an
     *                     algorithm not on the class path, truncated or corrupted
     */
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
            if (version < 1 || version > NAMED_IDS_VERSION) {
                throw new IOException(file + ": model format version " + version
                        + " is not supported by this movierec (supports 1.." + NAMED_IDS_VERSION + ")");
            }
            String type = readString(in);
            Provenance provenance = Json.MAPPER.readValue(readString(in), Provenance.class);
            String[] fingerprint = new String[1];
            Dataset train = version == 1 ? readDatasetV1(in) : readDataset(in, version, fingerprint);
            if (version == 1) {
                fingerprint[0] = train.fingerprint();
            }
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
            return new Saved(model, train, fingerprint[0]);
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
            if (version < 1 || version > NAMED_IDS_VERSION) {
                throw new IOException(file + ": model format version " + version
                        + " is not supported by this movierec (supports 1.." + NAMED_IDS_VERSION + ")");
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
     *
     * @param out   the enclosing model's payload stream
     * @param model the nested model
     * @throws IOException when writing fails
     */
    public static void writeModel(DataOutputStream out, Model model) throws IOException {
        writeString(out, model.type());
        writeString(out, provenanceJson(model.provenance()));
        model.writePayload(out);
    }

    /**
     * Reads a model written by {@link #writeModel}.
     *
     * @param in    the enclosing model's payload stream, positioned at the nested model
     * @param train the enclosing file's training data
     * @return the nested model
     * @throws IOException when the stream ends early or the nested type is unknown
     */
    public static Model readModel(DataInputStream in, Dataset train) throws IOException {
        String type = readString(in);
        Provenance provenance = Json.MAPPER.readValue(readString(in), Provenance.class);
        AlgorithmProvider reader = AlgorithmRegistry.find(type);
        if (reader == null) {
            throw new IOException("unknown nested model type '" + type + "'");
        }
        return reader.read(in, provenance, train);
    }

    /**
     * Writes a string for {@link #readString}: its UTF-8 length as an int (-1 for null), then the bytes.
     *
     * @param out the stream
     * @param s   the string, or null
     * @throws IOException when writing fails
     */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads a string written by {@link #writeString}.
     *
     * @param in the stream
     * @return the string, or null
     * @throws IOException when the stream ends early or the length is negative or above 64 MiB
     */
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

    /**
     * Writes a float array for {@link #readFloats}: its length, then the values (big-endian).
     *
     * @param out the stream
     * @param a   the values
     * @throws IOException when writing fails
     */
    public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        // The bytes writeFloat would write (big-endian floatToIntBits), a chunk per write call: a value
        // at a time went through the checksum stream byte by byte, most of a small model's save. The
        // chunk is filled by the buffer's bulk copy (one byte-swapping memory copy, fast before the
        // JIT has compiled anything), then any NaN is rewritten as floatToIntBits's canonical one.
        byte[] b = new byte[4 * Math.min(a.length, IO_CHUNK)];
        java.nio.FloatBuffer view = java.nio.ByteBuffer.wrap(b).asFloatBuffer();
        for (int from = 0; from < a.length; from += IO_CHUNK) {
            int n = Math.min(IO_CHUNK, a.length - from);
            view.clear();
            view.put(a, from, n);
            for (int k = 0; k < n; k++) {
                if (a[from + k] != a[from + k]) {
                    putInt(b, 4 * k, Float.floatToIntBits(Float.NaN));
                }
            }
            out.write(b, 0, 4 * n);
        }
    }

    /** Values per bulk read or write of {@link #writeFloats} and {@link #writeInts} and their readers. */
    private static final int IO_CHUNK = 8192;

    private static void putInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    /**
     * Reads a float array written by {@link #writeFloats}.
     *
     * @param in the stream
     * @return a new array
     * @throws IOException when the stream ends early or the length is corrupt
     */
    public static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[checkedLength(in.readInt())];
        byte[] b = new byte[4 * Math.min(a.length, IO_CHUNK)];
        java.nio.FloatBuffer view = java.nio.ByteBuffer.wrap(b).asFloatBuffer();
        for (int from = 0; from < a.length; from += IO_CHUNK) {
            int n = Math.min(IO_CHUNK, a.length - from);
            in.readFully(b, 0, 4 * n);
            view.clear();
            view.get(a, from, n);
        }
        return a;
    }

    /**
     * Writes a double array for {@link #readDoubles}: its length, then the values (big-endian).
     *
     * @param out the stream
     * @param a   the values
     * @throws IOException when writing fails
     */
    public static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    /**
     * Reads a double array written by {@link #writeDoubles}.
     *
     * @param in the stream
     * @return a new array
     * @throws IOException when the stream ends early or the length is corrupt
     */
    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] a = new double[checkedLength(in.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = in.readDouble();
        }
        return a;
    }

    /**
     * Writes an int array for {@link #readInts}: its length, then the values (big-endian).
     *
     * @param out the stream
     * @param a   the values
     * @throws IOException when writing fails
     */
    public static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        byte[] b = new byte[4 * Math.min(a.length, IO_CHUNK)];
        java.nio.IntBuffer view = java.nio.ByteBuffer.wrap(b).asIntBuffer();
        for (int from = 0; from < a.length; from += IO_CHUNK) {
            int n = Math.min(IO_CHUNK, a.length - from);
            view.clear();
            view.put(a, from, n);
            out.write(b, 0, 4 * n);
        }
    }

    /**
     * Reads an int array written by {@link #writeInts}.
     *
     * @param in the stream
     * @return a new array
     * @throws IOException when the stream ends early or the length is corrupt
     */
    public static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[checkedLength(in.readInt())];
        byte[] b = new byte[4 * Math.min(a.length, IO_CHUNK)];
        java.nio.IntBuffer view = java.nio.ByteBuffer.wrap(b).asIntBuffer();
        for (int from = 0; from < a.length; from += IO_CHUNK) {
            int n = Math.min(IO_CHUNK, a.length - from);
            in.readFully(b, 0, 4 * n);
            view.clear();
            view.get(a, from, n);
        }
        return a;
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

    /** True when the training data needs format 3: string ids or implicit feedback. */
    static boolean needsNamedIds(Dataset d) {
        return d.isImplicit() || d.users().ids().hasNames() || d.movies().ids().hasNames();
    }

    private static void writeDataset(DataOutputStream out, Dataset d, boolean named) throws IOException {
        writeString(out, d.name());
        RatingScale s = d.ratingScale();
        out.writeFloat(s.min());
        out.writeFloat(s.max());
        out.writeFloat(s.step());
        if (named) {
            out.writeByte(d.isImplicit() ? 1 : 0);
            writeNames(out, d.users().ids());
            writeNames(out, d.movies().ids());
        }
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
        writeRatedMovies(out, d);
    }

    /** Format 2's ratings: fingerprint, per-user counts, movie deltas and rating grid indexes (class comment). */
    private static void writeRatedMovies(DataOutputStream out, Dataset d) throws IOException {
        writeString(out, d.fingerprint());
        Interactions in = d.interactions();
        int nu = in.numUsers();
        int n = in.size();
        out.writeInt(n);
        ByteSink counts = new ByteSink(nu + 16);
        ByteSink items = new ByteSink(2 * n + 16);
        int[] it = in.itemsArray();
        for (int u = 0; u < nu; u++) {
            counts.varint(in.userCount(u));
            int prev = 0;
            for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                int delta = it[p] - prev;
                items.varint((delta << 1) ^ (delta >> 31));
                prev = it[p];
            }
        }
        counts.writeTo(out);
        items.writeTo(out);
        RatingScale scale = d.ratingScale();
        float[] r = in.ratingsArray();
        byte[] grid = new byte[n];
        boolean onGrid = true;
        for (int p = 0; p < n && onGrid; p++) {
            long k = Math.round(((double) r[p] - scale.min()) / scale.step());
            onGrid = k >= 0 && k <= 255 && Float.floatToIntBits(gridValue(scale, (int) k)) == Float.floatToIntBits(r[p]);
            grid[p] = (byte) k;
        }
        if (onGrid) {
            out.writeByte(RATINGS_GRID);
            out.write(grid);
        } else {
            out.writeByte(RATINGS_FLOAT);
            for (float v : r) {
                out.writeFloat(v);
            }
        }
    }

    /** The rating at grid index {@code k}, computed in float as the writer checked it. */
    private static float gridValue(RatingScale scale, int k) {
        return scale.min() + k * scale.step();
    }

    private static Interactions readRatedMovies(DataInputStream in, int numUsers, int numItems, RatingScale scale,
                                                String[] fingerprint) throws IOException {
        fingerprint[0] = readString(in);
        int n = checkedLength(in.readInt());
        int[] users = new int[n];
        int[] items = new int[n];
        float[] ratings = new float[n];
        long[] times = new long[n];
        ByteSource counts = ByteSource.read(in);
        ByteSource deltas = ByteSource.read(in);
        int p = 0;
        for (int u = 0; u < numUsers; u++) {
            int c = counts.varint();
            if (c < 0 || c > n - p) {
                throw new IOException("corrupt training data in model file: user " + u + " has " + c
                        + " ratings but only " + (n - p) + " are left of " + n);
            }
            int prev = 0;
            for (int k = 0; k < c; k++, p++) {
                int z = deltas.varint();
                prev += (z >>> 1) ^ -(z & 1);
                users[p] = u;
                items[p] = prev;
                times[p] = k;
            }
        }
        if (p != n || counts.remaining() != 0 || deltas.remaining() != 0) {
            throw new IOException("corrupt training data in model file: the per-user counts add up to " + p
                    + " of " + n + " ratings");
        }
        byte kind = in.readByte();
        if (kind == RATINGS_GRID) {
            byte[] grid = new byte[n];
            in.readFully(grid);
            for (int q = 0; q < n; q++) {
                ratings[q] = gridValue(scale, grid[q] & 0xff);
            }
        } else if (kind == RATINGS_FLOAT) {
            for (int q = 0; q < n; q++) {
                ratings[q] = in.readFloat();
            }
        } else {
            throw new IOException("corrupt training data in model file: rating column kind " + kind);
        }
        try {
            return Interactions.ofSorted(numUsers, numItems, users, items, ratings, times);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt training data in model file: " + e.getMessage(), e);
        }
    }

    /** A growable byte array with unsigned LEB128 varints, written as an int length plus the bytes. */
    private static final class ByteSink {
        private byte[] buf;
        private int size;

        ByteSink(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void varint(int v) {
            if (size + 5 > buf.length) {
                long grown = Math.max((long) buf.length * 3 / 2, size + 5L);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("training data too large for one model file block ("
                            + size + " bytes)");
                }
                buf = java.util.Arrays.copyOf(buf, (int) grown);
            }
            while ((v & ~0x7f) != 0) {
                buf[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeInt(size);
            out.write(buf, 0, size);
        }
    }

    /** Reads what {@link ByteSink} wrote. */
    private static final class ByteSource {
        private final byte[] buf;
        private int pos;

        private ByteSource(byte[] buf) {
            this.buf = buf;
        }

        static ByteSource read(DataInputStream in) throws IOException {
            byte[] b = new byte[checkedLength(in.readInt())];
            in.readFully(b);
            return new ByteSource(b);
        }

        int varint() throws IOException {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= buf.length) {
                    throw new IOException("corrupt training data in model file: a varint runs past its block");
                }
                int b = buf[pos++];
                v |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("corrupt training data in model file: a varint is longer than 5 bytes");
        }

        int remaining() {
            return buf.length - pos;
        }
    }

    private static Dataset readDatasetV1(DataInputStream in) throws IOException {
        return readDataset(in, 1, null);
    }

    private static void writeNames(DataOutputStream out, IdIndex ids) throws IOException {
        out.writeBoolean(ids.hasNames());
        if (ids.hasNames()) {
            out.writeInt(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                writeString(out, ids.name(i));
            }
        }
    }

    private static String[] readNames(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String[] names = new String[checkedLength(in.readInt())];
        for (int i = 0; i < names.length; i++) {
            names[i] = readString(in);
        }
        return names;
    }

    private static IdIndex ids(int[] external, String[] names) throws IOException {
        if (names == null) {
            return IdIndex.of(external);
        }
        if (names.length != external.length) {
            throw new IOException("corrupt model file: " + names.length + " string ids for " + external.length
                    + " ids");
        }
        try {
            return IdIndex.named(external, names);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt model file: " + e.getMessage(), e);
        }
    }

    private static Dataset readDataset(DataInputStream in, int version, String[] fingerprint) throws IOException {
        String name = readString(in);
        RatingScale scale = new RatingScale(in.readFloat(), in.readFloat(), in.readFloat());
        Dataset.Feedback feedback = Dataset.Feedback.EXPLICIT;
        String[] userNames = null;
        String[] movieNames = null;
        if (version >= NAMED_IDS_VERSION) {
            feedback = in.readByte() == 1 ? Dataset.Feedback.IMPLICIT : Dataset.Feedback.EXPLICIT;
            userNames = readNames(in);
            movieNames = readNames(in);
        }
        IdIndex userIds = ids(readInts(in), userNames);
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
        IdIndex movieIds = ids(readInts(in), movieNames);
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
        if (version >= 2) {
            return new Dataset(name, users, movies, readRatedMovies(in, userIds.size(), nm, scale, fingerprint), scale,
                    feedback);
        }
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
