package org.movierec.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.model.ItemScorer;
import org.movierec.rec.CandidateIndex;
import org.movierec.rec.IndexFile;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;
import org.movierec.util.Parallel;

/**
 * {@code movierec recommend --all --out FILE}: the top k unseen movies of every user of the model,
 * scored in parallel and written as CSV ({@code userId,rank,movieId,score}, users in index order), or as
 * Parquet with the same rows and column names when the file name ends in {@code .parquet} ({@link RecsParquet}).
 */
final class RecommendAll {
    /** Users scored together per {@link Recommender#rankBlock} call: 32 rows of scores per thread. */
    static final int USER_BLOCK = 32;

    /** An index, the vectors it searches ({@code [y_i, b_i]} rows) and where it came from ("built", or "read from FILE"). */
    record Chosen(CandidateIndex index, float[] vectors, String source) {
    }

    /**
     * The index {@code choice} asks for over the model's items ({@code [y_i, b_i]} rows): exact, or
     * approximate, read from the file beside the model when it fits, else built.
     */
    static Chosen index(FactorAccess f, int n, CandidateIndex.Choice choice, Path modelFile,
                        java.io.PrintWriter err) {
        float[] vectors = CandidateIndex.augmentWithBias(f.itemF(), f.itemB(), n, f.k());
        int dim = f.k() + 1;
        if (modelFile != null && CandidateIndex.approximate(choice, n) != null) {
            Path file = IndexFile.beside(modelFile);
            if (Files.isRegularFile(file)) {
                try {
                    return new Chosen(IndexFile.read(file, vectors, n, dim), vectors, "read from " + file);
                } catch (IOException e) {
                    if (err != null) {
                        err.println("note: not using " + e.getMessage() + "; building the index instead "
                                + "(train --index hnsw writes a fresh one)");
                        err.flush();
                    }
                }
            }
        }
        return new Chosen(CandidateIndex.build(choice, vectors, n, dim), vectors, "built");
    }

    private RecommendAll() {
    }

    /** Timings of one run, for the caller's summary line: all of it, and the part spent writing the file. */
    record Result(int users, int k, double seconds, double writeSeconds, String index) {
    }

    static Result run(org.movierec.model.Model model, ItemScorer scorer, Dataset train, int k,
                      CandidateIndex.Choice choice, Path out) throws IOException {
        return run(model, scorer, train, k, choice, out, OutputCompression.DEFAULT, null, null);
    }

    /**
     * As above; an approximate index is read from {@code IndexFile.beside(modelFile)} when that
     * file holds one built on this model's vectors (written by {@code train --index}), else built
     * (a note on {@code err} says why a file there was not used).
     */
    static Result run(org.movierec.model.Model model, ItemScorer scorer, Dataset train, int k,
                      CandidateIndex.Choice choice, Path out, OutputCompression compression, Path modelFile,
                      java.io.PrintWriter err) throws IOException {
        FactorAccess f = choice == CandidateIndex.Choice.EXACT ? null : FactorAccess.of(model);
        if (choice == CandidateIndex.Choice.HNSW && f == null) {
            throw new Main.UserException("--index hnsw needs a model whose scores are inner products of factors, "
                    + "which model type '" + model.type() + "' is not (" + TrainCommand.innerProductAlgorithms()
                    + " are); use --index exact");
        }
        long t0 = System.nanoTime();
        Interactions seen = train.interactions();
        int numUsers = train.numUsers();
        int kk = Math.min(k, train.numItems());
        int[] items = new int[numUsers * kk];
        float[] scores = new float[numUsers * kk];
        int[] counts = new int[numUsers];
        Chosen chosen = f == null ? null : index(f, train.numItems(), choice, modelFile, err);
        CandidateIndex index = chosen == null ? null : chosen.index();
        if (index != null && !index.exact()) {
            // Approximate search; the written score is the model's (the user's offset plus the inner product).
            int[] itemsArr = seen.itemsArray();
            Parallel.forRange(numUsers, (chunk, from, to) -> {
                int[] it = new int[kk];
                float[] sc = new float[kk];
                java.util.BitSet rated = new java.util.BitSet(train.numItems());
                for (int u = from; u < to; u++) {
                    rated.clear();
                    if (u < seen.numUsers()) {
                        for (int p = seen.userStart(u); p < seen.userEnd(u); p++) {
                            rated.set(itemsArr[p]);
                        }
                    }
                    int n = index.search(f.query(u), kk, i -> !rated.get(i), it, sc);
                    for (int r = 0; r < n; r++) {
                        sc[r] = f.score(u, sc[r]);
                    }
                    System.arraycopy(it, 0, items, u * kk, n);
                    System.arraycopy(sc, 0, scores, u * kk, n);
                    counts[u] = n;
                }
            });
        } else {
            rankExact(scorer, seen, numUsers, kk, items, scores, counts);
        }
        for (int u = 0; u < numUsers; u++) {
            // Predicted ratings are written clipped to the scale, like every shown score (Recommender.clipShown).
            Recommender.clipShown(scorer, train.ratingScale(), scores, u * kk, counts[u]);
        }
        double writeS = write(train, out, compression, numUsers, kk, items, scores, counts);
        String kind = index != null && !index.exact() ? index.kind() + ", " + chosen.source() : "exact";
        return new Result(numUsers, kk, (System.nanoTime() - t0) / 1e9, writeS, kind);
    }

    /** Every user's exact top {@code kk} unseen items into the flat arrays (rank order), in parallel. */
    private static void rankExact(ItemScorer scorer, Interactions seen, int numUsers, int kk, int[] items,
                                  float[] scores, int[] counts) {
        Recommender rec = new Recommender(scorer, seen);
        Parallel.forRange(numUsers, (chunk, from, to) -> {
            // Blocks of users scored together (Recommender.rankBlock): a factor model's batched
            // product reads each tile of item factors once per block instead of once per user.
            int rows = Math.min(USER_BLOCK, to - from);
            float[][] bufs = new float[rows][scorer.numItems()];
            int[][] it = new int[rows][kk];
            float[][] sc = new float[rows][kk];
            int[] n = new int[rows];
            TopK top = new TopK(kk);
            for (int u0 = from; u0 < to; u0 += rows) {
                int u1 = Math.min(to, u0 + rows);
                rec.rankBlock(u0, u1, bufs, top, it, sc, n);
                for (int u = u0; u < u1; u++) {
                    System.arraycopy(it[u - u0], 0, items, u * kk, n[u - u0]);
                    System.arraycopy(sc[u - u0], 0, scores, u * kk, n[u - u0]);
                    counts[u] = n[u - u0];
                }
            }
        });
    }

    /**
     * Writes the lists to {@code out} through a temporary file beside it, moved into place when complete:
     * Parquet when the name ends in {@code .parquet} ({@link RecsParquet}), else CSV. A file that cannot be
     * written is one {@link IOException} naming {@code out} and the reason.
     *
     * @return the seconds spent writing
     */
    private static double write(Dataset train, Path out, OutputCompression compression, int numUsers, int kk,
                                int[] items, float[] scores, int[] counts) throws IOException {
        long t0 = System.nanoTime();
        IdIndex userIds = train.users().ids();
        IdIndex movieIds = train.movies().ids();
        if (Files.isDirectory(out)) {
            throw new IOException("cannot write " + out + ": it is a directory");
        }
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + out.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.createDirectories(dir);
            if (parquet(out)) {
                ParquetOutput.write(tmp, compression, userIds, movieIds, numUsers, kk, items, scores, counts);
            } else {
                writeCsv(tmp, userIds, movieIds, numUsers, kk, items, scores, counts);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot write " + out + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the error above says why; nothing was created to remove
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Whether {@code --out} asks for Parquet: its name ends in {@code .parquet} (any case). Here rather than in
     * {@link RecsParquet}, whose loading would load Parquet's classes for CSV output too.
     */
    static boolean parquet(Path out) {
        Path name = out.getFileName();
        return name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    /** An I/O failure in words: the JDK's file exceptions carry only the path as their message. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void writeCsv(Path tmp, IdIndex userIds, IdIndex movieIds, int numUsers, int kk,
                                 int[] items, float[] scores, int[] counts) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             PrintWriter p = new PrintWriter(w)) {
            p.print("userId,rank,movieId,score\n");
            StringBuilder line = new StringBuilder(64);
            for (int u = 0; u < numUsers; u++) {
                String uid = csv(userIds.name(u));
                for (int j = 0; j < counts[u]; j++) {
                    line.setLength(0);
                    line.append(uid).append(',').append(j + 1).append(',')
                            .append(csv(movieIds.name(items[u * kk + j]))).append(',')
                            .append(scores[u * kk + j]).append('\n');
                    p.append(line);
                }
            }
            if (p.checkError()) {
                throw new IOException("the write failed (disk full?)");
            }
        }
    }

    /** An id as a CSV field: quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static String csv(String id) {
        if (id.indexOf(',') < 0 && id.indexOf('"') < 0 && id.indexOf('\n') < 0 && id.indexOf('\r') < 0) {
            return id;
        }
        return '"' + id.replace("\"", "\"\"") + '"';
    }
}
