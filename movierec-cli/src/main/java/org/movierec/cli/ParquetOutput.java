package org.movierec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.io.ColumnarFormats;
import org.movierec.data.io.ColumnarSource;

/**
 * Finds {@link RecsParquet} for {@code recommend --all --out FILE.parquet}, and {@link ParquetInput} for
 * {@code --data FILE.parquet}. In {@code movierec.jar} it and
 * parquet-java live in a jar of their own stored as one entry ({@link #NESTED}, see movierec-cli's pom): 4,300
 * more entries in the main jar would lengthen every command's start, since the JVM reads the whole central
 * directory of the jar it starts from. That jar is copied to a temporary file (deleted at exit) and loaded
 * through a child class loader, only when a Parquet file is written. When parquet-java is on the class
 * path itself (tests, an IDE) {@code RecsParquet} is used from there.
 */
final class ParquetOutput {
    /** Where the build stores the Parquet jar inside movierec.jar. */
    static final String NESTED = "lib/movierec-parquet.jar";

    private ParquetOutput() {
    }

    /** {@link RecsParquet#write}, through whichever class loader has it. */
    static void write(Path file, OutputCompression compression, IdIndex users, IdIndex movies, int numUsers, int kk,
                      int[] items, float[] scores, int[] counts) throws IOException {
        call("RecsParquet", new Class<?>[] {Path.class, String.class, IdIndex.class, IdIndex.class, int.class,
                int.class, int[].class, float[].class, int[].class}, file, compression.codec, users, movies, numUsers,
                kk, items, scores, counts);
    }

    /** {@link RatingsParquet#write}, through whichever class loader has it. */
    static void writeRatings(Path file, Dataset d) throws IOException {
        call("RatingsParquet", new Class<?>[] {Path.class, Dataset.class}, file, d);
    }

    /** The static {@code write} method of a class of the nested jar, its exceptions rethrown as they were. */
    private static void call(String className, Class<?>[] types, Object... args) throws IOException {
        Method write;
        try {
            write = Class.forName("org.movierec.cli." + className, true, loader()).getMethod("write", types);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("the Parquet writer is missing from " + NESTED + ": " + e, e);
        }
        try {
            write.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes {@code .parquet} interactions files readable ({@link ColumnarFormats}) through {@link ParquetFormat}. */
    static void registerInput() {
        ColumnarFormats.register(new ParquetFormat());
    }

    private static ClassLoader loaded;

    /** The class loader that has parquet-java: the application's, or one over the nested jar (made once). */
    static synchronized ClassLoader loader() throws IOException {
        if (loaded == null) {
            loaded = newLoader();
        }
        return loaded;
    }

    private static ClassLoader newLoader() throws IOException {
        ClassLoader app = ParquetOutput.class.getClassLoader();
        if (app.getResource("org/apache/parquet/hadoop/ParquetWriter.class") != null) {
            return app;
        }
        try (InputStream in = app.getResourceAsStream(NESTED)) {
            if (in == null) {
                throw new Main.UserException("Parquet output is not available: this build has neither parquet-java "
                        + "on its class path nor " + NESTED + " in its jar (rebuild with ./movierec, or write CSV)");
            }
            Path jar = Files.createTempFile("movierec-parquet", ".jar");
            jar.toFile().deleteOnExit();
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, app);
        }
    }
}
