package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recommend --all --out FILE.parquet}: the CSV's rows, read back with parquet-java's own reader, int and
 * string ids, errors; and in a fresh JVM without Hadoop's jar, that the writer needs no Hadoop class and that CSV
 * output loads no Parquet class. (parquet-java's reader needs Hadoop classes; hadoop-client-api is on the test
 * class path for it, in provided scope, and not in the command's jar.)
 */
class RecommendAllParquetTest {
    @TempDir
    static Path tmp;
    static Path intModel;
    static Path stringModel;

    @BeforeAll
    static void train() throws Exception {
        intModel = RecommendAllTest.trainAls(tmp);

        // String ids, one with a comma (quoted in the CSV, raw in Parquet) and some not ASCII.
        StringBuilder b = new StringBuilder("who,what,stars\n");
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i < 20; i++) {
                if ((u * 7 + i * 3) % 4 != 0) {
                    b.append(u == 3 ? "\"user, the third\"" : "user-" + u).append(',')
                            .append(i == 5 ? "film-é-5" : i == 7 ? "\"film, seven\"" : "film-" + i).append(',')
                            .append(1 + (u * 5 + i * 3) % 5).append('\n');
                }
            }
        }
        Path ratings = tmp.resolve("ratings-strings.csv");
        Files.writeString(ratings, b.toString(), StandardCharsets.UTF_8);
        stringModel = tmp.resolve("als-strings.bin");
        Cli.Result r = Cli.run("train", "--data", ratings.toString(), "--columns", "user=who,item=what,rating=stars", "--algo",
                "als", "--param", "factors=4", "--param", "iterations=3", "--out", stringModel.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** One row as text: the ids as written in the data, rank, and the score's float bits. */
    record Row(String user, int rank, String movie, int scoreBits) {
    }

    /** The CSV's rows (RFC 4180 quoting undone). */
    static List<Row> readCsv(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("userId,rank,movieId,score");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            assertThat(f).as(line).hasSize(4);
            rows.add(new Row(f.get(0), Integer.parseInt(f.get(1)), f.get(2),
                    Float.floatToRawIntBits(Float.parseFloat(f.get(3)))));
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int p = 0; p < line.length(); p++) {
            char c = line.charAt(p);
            if (quoted) {
                if (c == '"' && p + 1 < line.length() && line.charAt(p + 1) == '"') {
                    f.append('"');
                    p++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** The Parquet file's schema and rows, read with parquet-java's file reader. */
    record Read(MessageType schema, CompressionCodecName codec, List<Row> rows) {
    }

    static Read readParquet(Path file) throws Exception {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            CompressionCodecName codec = reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec();
            boolean userString = schema.getType("userId").asPrimitiveType().getPrimitiveTypeName()
                    == PrimitiveTypeName.BINARY;
            boolean movieString = schema.getType("movieId").asPrimitiveType().getPrimitiveTypeName()
                    == PrimitiveTypeName.BINARY;
            List<Row> rows = new ArrayList<>();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Group g = records.read();
                    rows.add(new Row(
                            userString ? g.getString("userId", 0) : Integer.toString(g.getInteger("userId", 0)),
                            g.getInteger("rank", 0),
                            movieString ? g.getString("movieId", 0) : Integer.toString(g.getInteger("movieId", 0)),
                            Float.floatToRawIntBits(g.getFloat("score", 0))));
                }
            }
            return new Read(schema, codec, rows);
        }
    }

    private static void assertColumn(MessageType schema, int index, String name, PrimitiveTypeName type,
                                     LogicalTypeAnnotation logical) {
        Type t = schema.getType(index);
        assertThat(t.getName()).isEqualTo(name);
        assertThat(t.isRepetition(Type.Repetition.REQUIRED)).as(name + " required").isTrue();
        assertThat(t.asPrimitiveType().getPrimitiveTypeName()).as(name).isEqualTo(type);
        assertThat(t.getLogicalTypeAnnotation()).as(name).isEqualTo(logical);
    }

    @Test
    void intIdsTheCsvRowsBitForBit() throws Exception {
        Path csv = tmp.resolve("recs.csv");
        Path parquet = tmp.resolve("recs.parquet");
        Cli.Result c = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", csv.toString(), "-n", "7");
        assertThat(c.exitCode()).as(c.err()).isZero();
        Cli.Result p = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", parquet.toString(),
                "-n", "7");
        assertThat(p.exitCode()).as(p.err()).isZero();
        // One summary line and nothing else (no logging from the library).
        assertThat(p.errLines()).hasSize(1);
        assertThat(p.errLines()[0]).startsWith("wrote top 7 for 80 users to " + parquet).contains("of which writing");

        List<Row> want = readCsv(csv);
        assertThat(want).hasSize(80 * 7);
        Read got = readParquet(parquet);
        assertThat(got.schema().getFieldCount()).isEqualTo(4);
        assertColumn(got.schema(), 0, "userId", PrimitiveTypeName.INT32, null);
        assertColumn(got.schema(), 1, "rank", PrimitiveTypeName.INT32, null);
        assertColumn(got.schema(), 2, "movieId", PrimitiveTypeName.INT32, null);
        assertColumn(got.schema(), 3, "score", PrimitiveTypeName.FLOAT, null);
        assertThat(got.codec()).isEqualTo(CompressionCodecName.SNAPPY);
        assertThat(got.rows()).containsExactlyElementsOf(want);
        assertThat(Files.list(tmp).filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();

        // every --compression writes the same rows with its codec; movierec reads each file back as data
        for (String codec : List.of("none", "snappy", "ZSTD", "gzip", "lz4")) {
            Path f = tmp.resolve("recs-" + codec + ".parquet");
            Cli.Result r = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", f.toString(), "-n", "7",
                    "--compression", codec);
            assertThat(r.exitCode()).as(r.err()).isZero();
            Read back = readParquet(f);
            assertThat(back.codec()).as(codec).isEqualTo(CompressionCodecName.valueOf(
                    OutputCompression.parse("--compression", codec).codec));
            assertThat(back.rows()).as(codec).containsExactlyElementsOf(want);
            org.movierec.data.Dataset asData = org.movierec.data.io.DatasetReader.read(f,
                    org.movierec.data.io.ReadOptions.DEFAULTS, org.movierec.data.io.InteractionsSpec.of(
                            java.util.Map.of("user", "userId", "item", "movieId", "weight", "score")));
            assertThat(asData.interactions().size()).as(codec).isEqualTo(80 * 7);
        }
        assertThat(readParquet(tmp.resolve("recs-none.parquet")).codec()).isEqualTo(CompressionCodecName.UNCOMPRESSED);
    }

    @Test
    void aBadCompressionIsOneErrorLineBeforeAnyWork() throws Exception {
        Path out = tmp.resolve("bad-codec.parquet");
        Cli.Result r = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", out.toString(),
                "--compression", "brotli");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "error: --compression: unknown compression 'brotli'; allowed: none, snappy, zstd, gzip, lz4");
        assertThat(out).doesNotExist();
        r = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", tmp.resolve("c.csv").toString(),
                "--compression", "zstd");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "error: --compression applies to a Parquet --out (FILE.parquet), not c.csv");
        r = Cli.run("recommend", "--model", intModel.toString(), "--user", "1", "--compression", "zstd");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: --compression applies to --all with a Parquet --out");
    }

    @Test
    void stringIdsAsUtf8StringsWithTheCsvRows() throws Exception {
        Path csv = tmp.resolve("strings.csv");
        Path parquet = tmp.resolve("strings.PARQUET");
        Cli.Result c = Cli.run("recommend", "--model", stringModel.toString(), "--all", "--out", csv.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        Cli.Result p = Cli.run("recommend", "--model", stringModel.toString(), "--all", "--out", parquet.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();

        List<Row> want = readCsv(csv);
        Read got = readParquet(parquet);
        assertColumn(got.schema(), 0, "userId", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertColumn(got.schema(), 1, "rank", PrimitiveTypeName.INT32, null);
        assertColumn(got.schema(), 2, "movieId", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
        assertColumn(got.schema(), 3, "score", PrimitiveTypeName.FLOAT, null);
        assertThat(got.rows()).containsExactlyElementsOf(want);
        // 30 users with 10 movies each at most (each rated 15 of the 20, so 5 remain).
        assertThat(want).hasSize(30 * 5);
        assertThat(got.rows()).extracting(Row::user).contains("user, the third", "user-0");
        assertThat(got.rows()).extracting(Row::movie).contains("film-é-5", "film, seven");
    }

    @Test
    void anUnwritableFileIsOneErrorLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("taken.parquet"));
        Files.writeString(dir.resolve("keep.txt"), "x");
        Cli.Result r = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: cannot write " + dir + ": it is a directory");
        assertThat(dir.resolve("keep.txt")).hasContent("x");

        // A directory nobody may create files in, even root: /proc on Linux.
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux /proc");
        Path out = proc.resolve("movierec-recs.parquet");
        r = Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: cannot write " + out + ": ");
    }

    /**
     * In a fresh JVM whose class path lacks Hadoop's jar: writing Parquet works and loads no Hadoop class, and
     * writing CSV loads no Parquet class (so the other commands' start-up is unchanged). The Parquet run loads
     * Parquet's writer, so the CSV check can fail.
     */
    @Test
    void parquetWritesWithoutHadoopAndCsvLoadsNoParquetClass() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        String full = System.getProperty("java.class.path");
        assertThat(full).contains("hadoop-client-api");
        String cp = Arrays.stream(full.split(File.pathSeparator))
                .filter(e -> !e.contains("org/apache/hadoop") && !e.contains("hadoop-client"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(cp).contains("parquet-hadoop").doesNotContain("hadoop-client");
        String csvLog = classLoadLog(javaBin, cp, tmp.resolve("fresh.csv"));
        assertThat(csvLog).contains("org.movierec.cli.RecommendAll ").doesNotContain("org.apache.parquet");
        Path fresh = tmp.resolve("fresh.parquet");
        String parquetLog = classLoadLog(javaBin, cp, fresh);
        assertThat(parquetLog).contains("org.apache.parquet.hadoop.ParquetWriter ")
                .doesNotContain("org.apache.hadoop");
        assertThat(readParquet(fresh).rows()).containsExactlyElementsOf(readCsv(tmp.resolve("fresh.csv")));
    }

    /**
     * The layout of {@code movierec.jar} (see the pom's shade executions): {@code RecsParquet}, {@code ParquetInput},
     * {@code ParquetCodecs}, parquet-java and aircompressor only inside {@code lib/movierec-parquet.jar}, which
     * {@link ParquetOutput} loads through a child class loader. Rebuilt here from the class path, in a fresh JVM
     * without Hadoop: the same rows as the CSV, and a Parquet data file read.
     */
    @Test
    void theNestedJarLayoutWritesTheSameRows() throws Exception {
        String full = System.getProperty("java.class.path");
        Path classes = Path.of(RecommendAllParquetTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).resolveSibling("classes");
        assertThat(classes.resolve("org/movierec/cli/RecsParquet.class")).isRegularFile();
        Path layout = tmp.resolve("layout");
        Path appClasses = layout.resolve("classes");
        List<String> parquetJars = new ArrayList<>();
        List<String> cp = new ArrayList<>();
        for (String e : full.split(File.pathSeparator)) {
            if (e.contains("parquet-") || e.contains("aircompressor")) {
                parquetJars.add(e);
            } else if (Path.of(e).equals(classes)) {
                cp.add(appClasses.toString());
            } else if (!e.contains("hadoop-client")) {
                cp.add(e);
            }
        }
        assertThat(parquetJars).hasSize(7);
        assertThat(cp).contains(appClasses.toString());
        // The CLI's classes without RecsParquet, plus lib/movierec-parquet.jar holding RecsParquet and parquet-java.
        try (var files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = appClasses.resolve(classes.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!nested(f)) {
                    Files.copy(f, to);
                }
            }
        }
        Path nested = Files.createDirectories(appClasses.resolve("lib")).resolve("movierec-parquet.jar");
        java.util.Set<String> names = new java.util.HashSet<>();
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(nested))) {
            try (var files = Files.list(classes.resolve("org/movierec/cli"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (nested(f)) {
                        out.putNextEntry(new java.util.jar.JarEntry("org/movierec/cli/" + f.getFileName()));
                        out.write(Files.readAllBytes(f));
                        out.closeEntry();
                    }
                }
            }
            for (String jar : parquetJars) {
                try (var in = new java.util.jar.JarFile(jar)) {
                    for (var it = in.entries().asIterator(); it.hasNext(); ) {
                        var e = it.next();
                        if (!e.isDirectory() && names.add(e.getName())) {
                            out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                            in.getInputStream(e).transferTo(out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = tmp.resolve("nested.parquet");
        String log = classLoadLog(javaBin, String.join(File.pathSeparator, cp), out);
        assertThat(log).containsPattern("org\\.movierec\\.cli\\.RecsParquet source: \\S*movierec-parquet\\d*\\.jar")
                .doesNotContain("org.apache.hadoop");
        Path csv = tmp.resolve("nested.csv");
        assertThat(Cli.run("recommend", "--model", intModel.toString(), "--all", "--out", csv.toString()).exitCode())
                .isZero();
        assertThat(readParquet(out).rows()).containsExactlyElementsOf(readCsv(csv));

        // Reading interactions from a Parquet file (Snappy pages) through the nested jar, again without Hadoop.
        Path data = tmp.resolve("nested-data.parquet");
        ParquetInputTest.write(data, org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY, 1 << 20,
                new ParquetInputTest.Col(ParquetInputTest.string("user"), new Object[] {"ann", "bob", "ann"}),
                new ParquetInputTest.Col(ParquetInputTest.required(
                        org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64, "item"),
                        new Object[] {10L, 10L, 11L}));
        Path infoLog = tmp.resolve("nested-data.classes.log");
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx512m", "-Xshare:off", "-Xlog:class+load=info:file="
                + infoLog.toString().replace(File.separatorChar, '/'), "-cp", String.join(File.pathSeparator, cp),
                "org.movierec.cli.Main", "data", "info", data.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("nested-data.out").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        String info = Files.readString(tmp.resolve("nested-data.out"));
        assertThat(p.exitValue()).as(info).isZero();
        assertThat(info).containsPattern("users\\s+2\\R").containsPattern("ratings\\s+3\\R");
        assertThat(Files.readString(infoLog))
                .containsPattern("org\\.movierec\\.cli\\.ParquetInput source: \\S*movierec-parquet\\d*\\.jar")
                .containsPattern("io\\.airlift\\.compress\\.snappy\\.SnappyDecompressor source: "
                        + "\\S*movierec-parquet\\d*\\.jar")
                .doesNotContain("org.apache.hadoop");
    }

    /** Whether a class file of the CLI goes into the nested Parquet jar (see the pom's shade filters). */
    private static boolean nested(Path classFile) {
        String n = classFile.getFileName().toString();
        return n.startsWith("RecsParquet") || n.startsWith("RatingsParquet") || n.startsWith("ParquetRows")
                || n.startsWith("ParquetInput") || n.startsWith("ParquetCodecs");
    }

    private static String classLoadLog(Path java, String cp, Path out) throws Exception {
        Path log = tmp.resolve(out.getFileName() + ".classes.log");
        Process p = new ProcessBuilder(java.toString(), "-Xmx512m", "-Xshare:off", "-Xlog:class+load=info:file="
                + log.toString().replace(File.separatorChar, '/'), "-cp", cp, "org.movierec.cli.Main", "recommend",
                "--model", intModel.toString(), "--all", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve(out.getFileName() + ".out").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        String output = Files.readString(tmp.resolve(out.getFileName() + ".out"));
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(out).isRegularFile();
        // The summary line alone on the real standard error: no logging from parquet-java (slf4j-simple is here).
        assertThat(output.strip().split("\\R")).as(output).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("wrote top 10 for 80 users to " + out);
        return Files.readString(log);
    }
}
