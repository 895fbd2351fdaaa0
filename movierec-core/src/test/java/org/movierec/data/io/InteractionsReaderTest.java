package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/** The generic interactions reader on small hand-written files (never MovieLens files). */
class InteractionsReaderTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> SHOP = Map.of("user", "customer_id", "item", "sku", "rating", "stars",
            "time", "ts");

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static Dataset read(Path f, InteractionsSpec spec) throws IOException {
        return InteractionsReader.read(f, spec, ReadOptions.DEFAULTS);
    }

    private static Dataset read(Path f, InteractionsSpec spec, ReadOptions.OnDuplicate policy) throws IOException {
        return InteractionsReader.read(f, spec, ReadOptions.DEFAULTS.withOnDuplicate(policy));
    }

    private static String rows(Dataset d) {
        return org.movierec.data.io.DatasetRows.of(d);
    }

    @Test
    void mapsColumnsAndKeepsStringIds() throws IOException {
        Path f = write("shop.csv", """
                ts,stars,sku,customer_id,note
                100,7,B-2,zoe,x
                50,10,A-1,zoe,y
                70,3,A-1,adam,z
                """);
        Dataset d = read(f, InteractionsSpec.of(SHOP).withScale(new RatingScale(1, 10, 1)));
        assertThat(d.name()).isEqualTo("shop");
        assertThat(d.isImplicit()).isFalse();
        assertThat(d.ratingScale()).isEqualTo(new RatingScale(1, 10, 1));
        // Dense order is the ids' string order; the names are kept.
        assertThat(d.users().ids().hasNames()).isTrue();
        assertThat(d.users().ids().names()).containsExactly("adam", "zoe");
        assertThat(d.movies().ids().names()).containsExactly("A-1", "B-2");
        assertThat(d.users().ids().indexOfName("zoe")).isEqualTo(1);
        assertThat(d.movies().ids().indexOfName("nope")).isEqualTo(-1);
        // Sorted by user, then time.
        assertThat(rows(d)).isEqualTo("""
                adam A-1 3.0 70
                zoe A-1 10.0 50
                zoe B-2 7.0 100
                """);
        // Without side files the titles are the ids.
        assertThat(d.movies().title(1)).isEqualTo("B-2");
    }

    @Test
    void infersTheScaleFromTheData() throws IOException {
        Path f = write("r.csv", "user,item,rating\nu1,i1,2\nu1,i2,4.5\nu2,i1,8\n");
        Dataset d = read(f, InteractionsSpec.defaults());
        assertThat(d.isImplicit()).isFalse();
        assertThat(d.ratingScale()).isEqualTo(new RatingScale(2f, 8f, 0.5f));
        Path g = write("g.csv", "user,item,rating\nu1,i1,0.25\nu1,i2,1\n");
        assertThat(read(g, InteractionsSpec.defaults()).ratingScale()).isEqualTo(new RatingScale(0.25f, 1f, 0.01f));
    }

    @Test
    void numericIdsBecomeIntIdsInNumericOrder() throws IOException {
        Path f = write("n.csv", "user,item,rating,time\n10,300,4,1\n9,20,5,2\n10,20,1,3\n");
        Dataset d = read(f, InteractionsSpec.defaults());
        assertThat(d.users().ids().hasNames()).isFalse();
        assertThat(d.users().ids().externalIds()).containsExactly(9, 10);
        assertThat(d.movies().ids().externalIds()).containsExactly(20, 300);
        assertThat(rows(d)).isEqualTo("9 20 5.0 2\n10 300 4.0 1\n10 20 1.0 3\n");
    }

    @Test
    void leadingZerosMakeIdsStrings() throws IOException {
        Path f = write("z.csv", "user,item\n007,1\n7,1\n");
        Dataset d = read(f, InteractionsSpec.defaults());
        assertThat(d.users().ids().names()).containsExactly("007", "7");
    }

    @Test
    void noValueColumnIsImplicitFeedbackOfOnes() throws IOException {
        Path f = write("clicks.tsv", "visitor\tpage\twhen\nv1\t/home\t2021-03-04\nv2\t/home\t2021-03-04T10:00:01Z\n");
        Dataset d = read(f, InteractionsSpec.of(Map.of("user", "visitor", "item", "page", "time", "when")));
        assertThat(d.isImplicit()).isTrue();
        assertThat(d.ratingScale()).isEqualTo(new RatingScale(0f, 1f, 1f));
        // 2021-03-04 is day 18690 since the epoch.
        assertThat(rows(d)).isEqualTo("v1 /home 1.0 " + 18690L * 86400 + "\nv2 /home 1.0 " + (18690L * 86400 + 36001)
                + "\n");
    }

    @Test
    void weightsAreImplicitAndDuplicatesCanBeSummed() throws IOException {
        Path f = write("plays.csv", "user,item,plays,time\nu1,s1,3,10\nu1,s2,1,11\nu1,s1,4,12\n");
        InteractionsSpec spec = InteractionsSpec.of(Map.of("weight", "plays"));
        assertThatThrownBy(() -> read(f, spec)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":4: duplicate interaction for the same user and item as line 2 (--on-duplicate last "
                        + "keeps the later line, sum adds the values up)");
        Dataset sum = read(f, spec, ReadOptions.OnDuplicate.SUM);
        assertThat(sum.isImplicit()).isTrue();
        assertThat(rows(sum)).isEqualTo("u1 s2 1.0 11\nu1 s1 7.0 12\n");
        assertThat(sum.ratingScale()).isEqualTo(new RatingScale(0f, 4f, 1f));
        Dataset last = read(f, spec, ReadOptions.OnDuplicate.LAST);
        assertThat(rows(last)).isEqualTo("u1 s2 1.0 11\nu1 s1 4.0 12\n");
        // "count" is the same role as "weight".
        assertThat(read(f, InteractionsSpec.of(Map.of("count", "plays")), ReadOptions.OnDuplicate.SUM).isImplicit())
                .isTrue();
    }

    @Test
    void sumIsRefusedForExplicitRatings() throws IOException {
        Path f = write("r.csv", "user,item,rating\nu,i,4\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults(), ReadOptions.OnDuplicate.SUM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum adds up implicit feedback");
    }

    @Test
    void aWeightMustBePositive() throws IOException {
        Path f = write("w.csv", "user,item,weight\nu,i,2\nu,j,0\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.of(Map.of("weight", "weight"))))
                .hasMessage(f + ":3: weight 0 is not positive (implicit feedback counts and weights must be > 0)");
    }

    @Test
    void detectsOrTakesTheDelimiterAndHonoursQuotes() throws IOException {
        Path semi = write("s.csv", "user;item;rating\n\"a;1\";\"x y\";5\n");
        Dataset d = read(semi, InteractionsSpec.defaults());
        assertThat(d.users().ids().names()).containsExactly("a;1");
        assertThat(d.movies().ids().names()).containsExactly("x y");
        Path quoted = write("q.csv", "user;item;rating\na;\"x \"\"y\"\"\";5\n");
        assertThatThrownBy(() -> read(quoted, InteractionsSpec.defaults()))
                .hasMessage(quoted + ":2: item id 'x \"\"y\"\"' contains a quote; ids may not");
        Path pipe = write("p.txt", "user|item|rating\nb|k|2\n");
        assertThat(read(pipe, InteractionsSpec.defaults().withDelimiter('|')).movies().ids().names())
                .containsExactly("k");
        Path none = write("n.txt", "user item\n");
        assertThatThrownBy(() -> read(none, InteractionsSpec.defaults())).hasMessage(none + ":1: cannot detect the "
                + "delimiter: the header has no tab, comma, semicolon or pipe (give it with --delimiter)");
    }

    @Test
    void sideFilesGiveTitlesGenresTextAndDemographics() throws IOException {
        Path f = write("r.csv", "cust,product,stars\nc1,p2,4\nc2,p1,2\n");
        Path items = write("items.csv", """
                id,name,cats,blurb
                p1,"Lamp, red",Home|Light,A lamp
                p2,Chair (2019),Home,
                p3,Unsold,,never bought
                """);
        Path users = write("users.tsv", "who\tage\tsex\tjob\nc1\t34\tF\tnurse\nc2\t\t\t\n");
        Dataset d = read(f, InteractionsSpec.of(Map.of("user", "cust", "item", "product", "rating", "stars"))
                .withItems(items, Map.of("item", "id", "title", "name", "genres", "cats", "text", "blurb"))
                .withUsers(users, Map.of("user", "who", "gender", "sex", "occupation", "job")));
        // Items of the side file without interactions are in the catalogue too.
        assertThat(d.movies().ids().names()).containsExactly("p1", "p2", "p3");
        assertThat(d.movies().title(0)).isEqualTo("Lamp, red");
        assertThat(d.movies().year(1)).isEqualTo(2019);
        assertThat(d.movies().genreNames(0)).containsExactly("Home", "Light");
        assertThat(d.movies().genreNames(2)).isEmpty();
        assertThat(d.movies().text(0)).isEqualTo("A lamp");
        assertThat(d.movies().text(2)).isEqualTo("never bought");
        assertThat(d.users().hasDemographics()).isTrue();
        assertThat(d.users().age(0)).isEqualTo(34);
        assertThat(d.users().gender(0)).isEqualTo(Users.GENDER_FEMALE);
        assertThat(d.users().occupationName(0)).isEqualTo("nurse");
        assertThat(d.users().age(1)).isEqualTo(-1);
        assertThat(d.users().gender(1)).isEqualTo(Users.GENDER_UNKNOWN);
        assertThat(d.users().occupation(1)).isEqualTo(-1);
    }

    /**
     * A side file's quoted field may span lines (product descriptions often do): the breaks stay in the
     * text, later errors name their own line, and an unclosed quote names the line it opened on. The
     * interactions file, split in slices on several threads, still requires a quoted field to close on
     * its line.
     */
    @Test
    void sideFileTextMaySpanLinesButTheInteractionsFileMayNot() throws IOException {
        Path f = write("r.csv", "user,item\nu,p1\nu,p3\n");
        for (String nl : new String[] {"\n", "\r\n"}) {
            String items = String.join(nl, "item,title,text", "p1,\"Lamp,", "red\",\"A lamp.", "", "Bright.\"",
                    "p2,Chair,", "p3,Desk,\"\"\"Oak\"\"", "top\"", "");
            Path file = write("items.csv", items);
            Dataset d = read(f, InteractionsSpec.defaults().withItems(file, Map.of()));
            assertThat(d.movies().ids().names()).containsExactly("p1", "p2", "p3");
            assertThat(d.movies().title(0)).isEqualTo("Lamp," + nl + "red");
            assertThat(d.movies().text(0)).isEqualTo("A lamp." + nl + nl + "Bright.");
            assertThat(d.movies().text(2)).isEqualTo("\"Oak\"" + nl + "top");
            Path dup = write("items.csv", items + "p2,Again," + nl);
            assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withItems(dup, Map.of())))
                    .hasMessage(dup + ":9: duplicate item 'p2' (first on line 6)");
        }
        Path open = write("items.csv", "item,title\np1,One\np3,\"Never closed\np2,Two\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withItems(open, Map.of())))
                .hasMessage(open + ":3: unterminated quoted field 2: the file ends inside it");
    }

    /**
     * The interactions file's quoted fields may span lines (a review text with line breaks, LF or
     * CRLF, a blank line inside): the rows are those of the same file without the breaks, and errors
     * and duplicates after such records name the right lines.
     */
    @Test
    void interactionRecordsMaySpanLines() throws IOException {
        for (String nl : List.of("\n", "\r\n")) {
            String text = String.join(nl, "user,item,rating,review", "u1,m1,5,\"Great.", "", "Loved it\"",
                    "u1,m2,2,\"Too \"\"long\"\",", "sadly\"", "u2,m1,4,fine", "u2,m3,3,\"one line\"", "");
            Path f = write("reviews.csv", text);
            Dataset d = read(f, InteractionsSpec.defaults());
            assertThat(rows(d)).isEqualTo("u1 m1 5.0 0\nu1 m2 2.0 0\nu2 m1 4.0 0\nu2 m3 3.0 0\n");
            // line 8 is u2,m3 (records of 3, 2 and 1 lines before it)
            Path bad = write("bad.csv", text.replace("u2,m3,3,", "u2,m3,x,"));
            assertThatThrownBy(() -> read(bad, InteractionsSpec.defaults()))
                    .hasMessage(bad + ":8: non-numeric rating 'x'");
            Path dup = write("dup.csv", text.replace("u2,m3,3,", "u1,m2,3,"));
            assertThatThrownBy(() -> read(dup, InteractionsSpec.defaults()))
                    .hasMessageStartingWith(dup + ":8: duplicate interaction for the same user and item as line 5 ");
            Path open = write("open.csv", text + "u3,m1,4,\"never closed" + nl + "u3,m2,1,x" + nl);
            assertThatThrownBy(() -> read(open, InteractionsSpec.defaults()))
                    .hasMessage(open + ":9: unterminated quoted field 4: the file ends inside it");
        }
    }

    /**
     * A file of records {@code 1..count-1} ({@code 0..} when {@code first} is null) whose quoted reviews
     * span {@code breaks(k)} extra lines, the same file with the breaks taken out, and the line on which
     * record {@code badK} starts.
     */
    private record Spanning(String lines, String flat, int badLine) {
        static Spanning of(String first, int count, int users, int items,
                           java.util.function.IntUnaryOperator breaks, java.util.function.IntFunction<String> body,
                           int badK) {
            StringBuilder lines = new StringBuilder("user,item,rating,review\n");
            StringBuilder flat = new StringBuilder("user,item,rating,review\n");
            int line = 1;
            int badLine = 0;
            if (first != null) {
                lines.append(first).append('\n');
                flat.append(first).append('\n');
                line++;
            }
            for (int k = first == null ? 0 : 1; k < count; k++) {
                int b = breaks.applyAsInt(k);
                String review = "\"r" + k + body.apply(k) + "\n".repeat(b) + "\"";
                String head = head(k, users, items);
                lines.append(head).append(review).append('\n');
                flat.append(head).append(review.replace("\n", " ")).append('\n');
                line++;
                if (k == badK) {
                    badLine = line;
                }
                line += b;
            }
            return new Spanning(lines.toString(), flat.toString(), badLine);
        }

        static String head(int k, int users, int items) {
            return "u" + (k % users) + ",m" + (k % items) + "," + (1 + k % 5) + ",";
        }

        /** The file with record {@code k}'s rating (1) replaced by {@code x}. */
        String withBadRating(int k, int users, int items) {
            String head = head(k, users, items) + "\"r" + k;
            assertThat(head).contains(",1,\"");
            return lines.replace(head, head.replace(",1,\"", ",x,\""));
        }
    }

    /** Runs {@code body} with the {@code movierec.threads} property set to {@code threads}, then restores it. */
    private static void withThreads(String threads, org.junit.jupiter.api.function.Executable body) throws Throwable {
        String old = System.getProperty("movierec.threads");
        System.setProperty("movierec.threads", threads);
        try {
            body.execute();
        } finally {
            if (old == null) {
                System.clearProperty("movierec.threads");
            } else {
                System.setProperty("movierec.threads", old);
            }
        }
    }

    /**
     * Many records spanning lines, read with tiny blocks on one and on four threads: records cut by a
     * block's end, records larger than the block, a block whose slices start inside records. The rows
     * are exactly those of the same file with the line breaks taken out, and an error far into the
     * file names its line.
     */
    @Test
    void spanningRecordsCrossTinyBlocksOnAnyThreads() throws Throwable {
        Spanning sp = Spanning.of(null, 2_000, 37, 101, k -> k % 7 == 3 ? 1 + k % 4 : 0,
                k -> (k % 5 == 0 ? ", \"\"quoted\"\"" : "") + (k % 50 == 0 ? "x".repeat(300) : ""), 1_500);
        Path f = write("many.csv", sp.lines());
        ReadOptions last = ReadOptions.DEFAULTS.withOnDuplicate(ReadOptions.OnDuplicate.LAST);
        Dataset expected = InteractionsReader.read(write("flat.csv", sp.flat()), InteractionsSpec.defaults(), last);
        assertThat(expected.interactions().size()).isEqualTo(2_000);
        for (String threads : List.of("1", "4")) {
            withThreads(threads, () -> {
                for (int block : new int[] {64, 200, 1 << 20}) {
                    Dataset d = InteractionsReader.read(f, InteractionsSpec.defaults(), last, block);
                    assertThat(rows(d)).as("threads %s, block %d", threads, block).isEqualTo(rows(expected));
                }
                Path bad = write("bad.csv", sp.withBadRating(1_500, 37, 101));
                assertThatThrownBy(() -> InteractionsReader.read(bad, InteractionsSpec.defaults(), last, 64))
                        .hasMessage(bad + ":" + sp.badLine() + ": non-numeric rating 'x'");
            });
        }
    }

    /**
     * Once a record has spanned lines, a block is cut into slices where a count of quotes says a record
     * ends, and parsed on several threads; the rows and an error's line are those of one thread. A quote
     * inside an unquoted field (the parser reads it as a character) misleads the count: the slices then
     * end inside records, and the block is parsed on one thread, with the same rows.
     */
    @Test
    void spanningRecordsAreParsedInSlicesAndAStrayQuoteFallsBackToOneThread() throws Throwable {
        for (boolean stray : new boolean[] {false, true}) {
            Spanning sp = Spanning.of(stray ? "u0,m0,4,a 27\" screen" : "u0,m0,4,plain", 20_000, 53, 401,
                    k -> k % 3 == 1 ? 1 + k % 2 : 0, k -> k % 5 == 0 ? " \"\"q\"\"" : "", 15_000);
            Path f = write("slices.csv", sp.lines());
            ReadOptions last = ReadOptions.DEFAULTS.withOnDuplicate(ReadOptions.OnDuplicate.LAST);
            Dataset expected = InteractionsReader.read(write("flat.csv", sp.flat()), InteractionsSpec.defaults(),
                    last);
            assertThat(expected.interactions().size()).isEqualTo(20_000);
            withThreads("4", () -> {
                long inSlices = InteractionsReader.RECORD_BLOCKS_IN_SLICES.get();
                long oneThread = InteractionsReader.RECORD_BLOCKS_ON_ONE_THREAD.get();
                for (int block : new int[] {4096, 1 << 20}) {
                    Dataset d = InteractionsReader.read(f, InteractionsSpec.defaults(), last, block);
                    assertThat(rows(d)).as("stray %s, block %d", stray, block).isEqualTo(rows(expected));
                }
                if (stray) {
                    assertThat(InteractionsReader.RECORD_BLOCKS_ON_ONE_THREAD.get()).as("blocks on one thread")
                            .isGreaterThan(oneThread);
                } else {
                    assertThat(InteractionsReader.RECORD_BLOCKS_IN_SLICES.get()).as("blocks in slices")
                            .isGreaterThan(inSlices);
                }
                Path bad = write("bad.csv", sp.withBadRating(15_000, 53, 401));
                assertThatThrownBy(() -> InteractionsReader.read(bad, InteractionsSpec.defaults(), last, 1 << 20))
                        .hasMessage(bad + ":" + sp.badLine() + ": non-numeric rating 'x'");
            });
        }
    }

    /** A record longer than the reader's 1 MiB buffer, opening after other fields, crosses a refill intact. */
    @Test
    void aSpanningSideRecordCrossesTheReadBuffer() throws IOException {
        StringBuilder items = new StringBuilder("item,title,text\n");
        for (int k = 0; k < 500; k++) {
            items.append("q").append(k).append(",Filler ").append(k).append(",x\n");
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 60_000; k++) {
            text.append(k == 0 ? "" : "\n").append("line ").append(k).append(" of the text");
        }
        assertThat(text.length()).isGreaterThan(1 << 20);
        items.append("p1,Long one,\"").append(text).append("\"\np2,After,y\n");
        Path file = write("items.csv", items.toString());
        Path f = write("r.csv", "user,item\nu,p1\nu,p2\n");
        Dataset d = read(f, InteractionsSpec.defaults().withItems(file, Map.of()));
        int p1 = d.movies().ids().indexOfName("p1");
        int p2 = d.movies().ids().indexOfName("p2");
        assertThat(d.movies().title(p1)).isEqualTo("Long one");
        assertThat(d.movies().text(p1)).isEqualTo(text.toString());
        assertThat(d.movies().title(p2)).isEqualTo("After");
        assertThat(d.movies().text(p2)).isEqualTo("y");
    }

    @Test
    void anItemMissingFromTheItemsFileIsAnError() throws IOException {
        Path f = write("r.csv", "user,item\nu,p1\nu,p9\n");
        Path items = write("items.csv", "item,title\np1,One\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withItems(items, Map.of())))
                .hasMessage(f + ":3: item 'p9' is not in items.csv");
        Path users = write("users.csv", "user,age\nother,3\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withUsers(users, Map.of())))
                .hasMessage(f + ":2: user 'u' is not in users.csv");
    }

    @Test
    void sideFileErrorsNameFileAndLine() throws IOException {
        Path f = write("r.csv", "user,item\nu,p1\n");
        Path dup = write("items.csv", "item,title\np1,One\np1,Again\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withItems(dup, Map.of())))
                .hasMessage(dup + ":3: duplicate item 'p1' (first on line 2)");
        Path badGender = write("users.csv", "user,gender\nu,x\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withUsers(badGender, Map.of())))
                .hasMessage(badGender + ":2: gender 'x' is not one of M, F, male, female or empty");
        Path unmapped = write("items2.csv", "sku,title\np1,One\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults().withItems(unmapped, Map.of("title", "name"))))
                .hasMessage(unmapped + ":1: missing column: no column for the required role 'item': column 'item' is "
                        + "not in the header (columns: sku, title); map it with --item-columns item=COLUMN");
    }

    @Test
    void aMappedColumnMissingFromTheHeaderIsNamed() throws IOException {
        Path f = write("r.csv", "customer_id,sku,rating\nu,i,4\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.of(Map.of("user", "customer_id", "item", "product"))))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":1: missing column: --columns maps item to 'product', which is not in the header "
                        + "(columns: customer_id, sku, rating)");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults()))
                .hasMessage(f + ":1: missing column: no column for the required role 'user': column 'user' is not in "
                        + "the header (columns: customer_id, sku, rating); map it with --columns user=COLUMN");
    }

    @Test
    void movieLensColumnNamesNeedNoMapping() throws IOException {
        Path f = write("ratings.csv", "userId,movieId,rating,timestamp\n7,50,4.5,881250949\n7,172,1,881250950\n"
                + "9,50,3,881250951\n");
        var d = read(f, InteractionsSpec.defaults());
        assertThat(d.interactions().size()).isEqualTo(3);
        assertThat(d.isImplicit()).isFalse();
        int u = d.users().ids().indexOf(7);
        var in = d.interactions();
        assertThat(in.userEnd(u) - in.userStart(u)).isEqualTo(2);
        float[] ratings = new float[2];
        long[] times = new long[2];
        for (int p = in.userStart(u), e = 0; p < in.userEnd(u); p++, e++) {
            ratings[e] = in.rating(p);
            times[e] = in.timestamp(p);
        }
        assertThat(ratings).containsExactlyInAnyOrder(4.5f, 1f);
        assertThat(times).containsExactlyInAnyOrder(881250949L, 881250950L);
        // a file that has both kinds of names is read by the role names, as before
        Path both = write("both.csv", "user,item,userId,movieId\nu,i,1,2\n");
        assertThat(read(both, InteractionsSpec.defaults()).movies().ids().size()).isEqualTo(1);
        assertThat(read(both, InteractionsSpec.defaults()).movies().ids().name(0)).isEqualTo("i");
    }

    @Test
    void anUnknownRoleIsNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> InteractionsSpec.of(Map.of("usr", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--columns: unknown role 'usr'; allowed: user, item, rating, weight, count, time");
        assertThatThrownBy(() -> InteractionsSpec.parseMapping("user=a,item", "--columns"))
                .hasMessage("--columns 'item' is not of the form ROLE=COLUMN (e.g. user=customer_id)");
        assertThatThrownBy(() -> InteractionsSpec.of(Map.of("rating", "a", "weight", "b")))
                .hasMessageContaining("more than one of rating, weight and count");
        assertThat(InteractionsSpec.parseMapping(" user = customer_id ,item=sku", "--columns"))
                .containsExactly(Map.entry("user", "customer_id"), Map.entry("item", "sku"));
    }

    @Test
    void parsesScalesAndDelimiters() {
        assertThat(InteractionsSpec.parseScale("1..10")).isEqualTo(new RatingScale(1, 10, 1));
        assertThat(InteractionsSpec.parseScale("0.5..5")).isEqualTo(new RatingScale(0.5f, 5, 0.5f));
        assertThat(InteractionsSpec.parseScale("0..100:5")).isEqualTo(new RatingScale(0, 100, 5));
        assertThatThrownBy(() -> InteractionsSpec.parseScale("10..1")).hasMessageContaining("MIN < MAX");
        assertThatThrownBy(() -> InteractionsSpec.parseScale("ten")).hasMessageContaining("MIN..MAX");
        assertThat(InteractionsSpec.parseDelimiter("tab")).isEqualTo('\t');
        assertThat(InteractionsSpec.parseDelimiter(";")).isEqualTo(';');
        assertThatThrownBy(() -> InteractionsSpec.parseDelimiter("::")).hasMessageContaining("one character");
    }

    @Test
    void badNumbersNameFileLineAndValue() throws IOException {
        Path f = write("r.csv", "user,item,rating,time\nu,i,4,1\nu,j,four,2\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":3: non-numeric rating 'four'");
        Path t = write("t.csv", "user,item,rating,time\nu,i,4,yesterday\n");
        assertThatThrownBy(() -> read(t, InteractionsSpec.defaults())).hasMessage(t + ":2: time 'yesterday' is "
                + "neither epoch seconds nor an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])");
        Path d = write("d.csv", "user,item,rating,time\nu,i,4,2021-02-30\n");
        assertThatThrownBy(() -> read(d, InteractionsSpec.defaults())).hasMessageContaining(d + ":2: time '2021-02-30'");
        Path s = write("s.csv", "user,item,rating\nu,i,11\n");
        assertThatThrownBy(() -> read(s, InteractionsSpec.defaults().withScale(new RatingScale(1, 10, 1))))
                .hasMessage(s + ":2: rating 11 is outside 1..10 or off its grid of step 1 (--scale)");
        Path g = write("g.csv", "user,item,rating\nu,i,7.5\n");
        assertThatThrownBy(() -> read(g, InteractionsSpec.defaults().withScale(new RatingScale(1, 10, 1))))
                .hasMessage(g + ":2: rating 7.5 is outside 1..10 or off its grid of step 1 (--scale)");
    }

    @Test
    void structuralErrorsNameFileAndLine() throws IOException {
        Path cols = write("c.csv", "user,item,rating\nu,i,4\nu,j\n");
        assertThatThrownBy(() -> read(cols, InteractionsSpec.defaults()))
                .hasMessage(cols + ":3: missing column: expected 3 fields as in the header, found 2");
        Path extra = write("e.csv", "user,item\nu,i,4\n");
        assertThatThrownBy(() -> read(extra, InteractionsSpec.defaults()))
                .hasMessage(extra + ":2: extra column: expected 2 fields as in the header, found 3");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> read(empty, InteractionsSpec.defaults()))
                .hasMessage(empty + ": empty file: expected a header line naming the interactions columns");
        Path header = write("h.csv", "user,item\n\n");
        assertThatThrownBy(() -> read(header, InteractionsSpec.defaults()))
                .hasMessage(header + ": empty file: a header and no interactions");
        Path id = write("id.csv", "user,item\nu,\n");
        assertThatThrownBy(() -> read(id, InteractionsSpec.defaults())).hasMessage(id + ":2: empty item id");
        Path twice = write("tw.csv", "user,item,user\nu,i,v\n");
        assertThatThrownBy(() -> read(twice, InteractionsSpec.defaults()))
                .hasMessage(twice + ":1: column 'user' appears twice in the header (columns 1 and 3)");
        Path quote = write("q.csv", "user,item\n\"u,i\n");
        assertThatThrownBy(() -> read(quote, InteractionsSpec.defaults())).hasMessageStartingWith(quote + ":2: "
                + "unterminated quoted field 1");
        assertThatThrownBy(() -> read(tmp.resolve("none.csv"), InteractionsSpec.defaults()))
                .hasMessage(tmp.resolve("none.csv") + ": missing required file");
    }

    @Test
    void duplicatePairsAreErrorsNamingBothLinesOrTheLaterWins() throws IOException {
        Path f = write("r.csv", "user,item,rating,time\nu,i,4,1\n\nv,i,2,1\nu,i,5,2\n");
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":5: duplicate interaction for the same user and item as line 2 (--on-duplicate last "
                        + "keeps the later line)");
        assertThat(rows(read(f, InteractionsSpec.defaults(), ReadOptions.OnDuplicate.LAST)))
                .isEqualTo("u i 5.0 2\nv i 2.0 1\n");
    }

    @Test
    void tinyBlocksGiveTheSameDataAndTheSameErrorLines() throws IOException {
        StringBuilder b = new StringBuilder("user,item,rating,time\n");
        for (int k = 0; k < 300; k++) {
            b.append("user-").append(k % 17).append(",item-").append(k % 23).append(',').append(1 + k % 5).append(',')
                    .append(k).append('\n');
        }
        Path f = write("many.csv", b.toString());
        Dataset big = InteractionsReader.read(f, InteractionsSpec.defaults(), ReadOptions.DEFAULTS.withOnDuplicate(
                ReadOptions.OnDuplicate.LAST));
        Dataset small = InteractionsReader.read(f, InteractionsSpec.defaults(), ReadOptions.DEFAULTS.withOnDuplicate(
                ReadOptions.OnDuplicate.LAST), 64);
        assertThat(rows(small)).isEqualTo(rows(big));
        assertThat(small.fingerprint()).isEqualTo(big.fingerprint());
        assertThat(big.numUsers()).isEqualTo(17);
        assertThat(big.numItems()).isEqualTo(23);
        Path bad = write("bad.csv", b.toString().replace("user-3,item-3,4,3\n", "user-3,item-3,x,3\n"));
        assertThatThrownBy(() -> InteractionsReader.read(bad, InteractionsSpec.defaults(), ReadOptions.DEFAULTS, 64))
                .hasMessage(bad + ":5: non-numeric rating 'x'");
        // With an items file that lacks item-7: the first line naming it (line 9) is reported, also when an
        // id error and a parse error fall in the same slice (the earlier line wins).
        StringBuilder items = new StringBuilder("item\n");
        for (int k = 0; k < 23; k++) {
            if (k != 7) {
                items.append("item-").append(k).append('\n');
            }
        }
        Path itemsFile = write("items.csv", items.toString());
        InteractionsSpec withItems = InteractionsSpec.defaults().withItems(itemsFile, Map.of());
        for (int block : new int[] {64, 1 << 20}) {
            assertThatThrownBy(() -> InteractionsReader.read(f, withItems, ReadOptions.DEFAULTS, block))
                    .hasMessage(f + ":9: item 'item-7' is not in items.csv");
            Path late = write("late.csv", b.toString().replace("user-9,item-9,5,9\n", "user-9,item-9,y,9\n"));
            assertThatThrownBy(() -> InteractionsReader.read(late, withItems, ReadOptions.DEFAULTS, block))
                    .hasMessage(late + ":9: item 'item-7' is not in items.csv");
            Path early = write("early.csv", b.toString().replace("user-5,item-5,1,5\n", "user-5,item-5,y,5\n"));
            assertThatThrownBy(() -> InteractionsReader.read(early, withItems, ReadOptions.DEFAULTS, block))
                    .hasMessage(early + ":7: non-numeric rating 'y'");
        }
    }

    @Test
    void readsTheSameDatasetAsTheMovieLensCsvReader() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("mlcsv"));
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,Toy Story (1995),Animation|Comedy
                5,Heat (1995),Action
                7,Nobody Rated (2001),Drama
                """);
        Files.writeString(dir.resolve("ratings.csv"), """
                userId,movieId,rating,timestamp
                3,5,4.5,20
                1,1,3.0,10
                3,1,0.5,5
                """);
        Dataset ml = DatasetReader.read(dir);
        Dataset gen = InteractionsReader.read(dir.resolve("ratings.csv"), InteractionsSpec.movieLensCsv(dir),
                ReadOptions.DEFAULTS);
        assertThat(gen.fingerprint()).isEqualTo(ml.fingerprint());
        assertThat(gen.movies().ids().externalIds()).containsExactly(ml.movies().ids().externalIds());
        assertThat(gen.users().ids().externalIds()).containsExactly(ml.users().ids().externalIds());
        assertThat(gen.movies().title(1)).isEqualTo("Heat (1995)");
        assertThat(gen.ratingScale()).isEqualTo(ml.ratingScale());
    }

    @Test
    void aDirectoryOrAMovieLensFileIsPointedToTheRightReader() throws IOException {
        assertThatThrownBy(() -> DatasetReader.read(tmp, ReadOptions.DEFAULTS, InteractionsSpec.defaults()))
                .hasMessageContaining("is a directory; the interactions reader reads one file");
        Path f = write("r.csv", "user,item\nu,i\n");
        assertThatThrownBy(() -> DatasetReader.read(f, ReadOptions.DEFAULTS))
                .hasMessageContaining("is a file; a MovieLens dataset is a directory");
    }

    @Test
    void idIndexNamesLookUpBothWays() {
        IdIndex named = IdIndex.named("b", "a");
        assertThat(named.indexOfName("a")).isEqualTo(1);
        assertThat(named.name(0)).isEqualTo("b");
        assertThat(named.externalId(1)).isEqualTo(2);
        assertThatThrownBy(() -> IdIndex.named("x", "x")).hasMessageContaining("duplicate id 'x'");
        IdIndex ints = IdIndex.of(42, 7);
        assertThat(ints.hasNames()).isFalse();
        assertThat(ints.name(0)).isEqualTo("42");
        assertThat(ints.indexOfName("7")).isEqualTo(1);
        assertThat(ints.indexOfName("07")).isEqualTo(-1);
        assertThat(ints.indexOfName("x")).isEqualTo(-1);
    }

    /** The eight-bytes-at-a-time newline count equals a byte loop's, for every byte value, offset and tail length. */
    @Test
    void newlinesAreCountedExactly() {
        java.util.Random r = new java.util.Random(5);
        for (int len = 0; len < 200; len++) {
            for (int trial = 0; trial < 20; trial++) {
                byte[] b = new byte[len + 3];
                for (int k = 0; k < b.length; k++) {
                    int pick = r.nextInt(6);
                    b[k] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x8A : pick == 2 ? 0x0B : pick == 3 ? 0x09
                            : pick == 4 ? 0 : r.nextInt(256));
                }
                int expected = 0;
                for (int k = 0; k < len; k++) {
                    expected += b[k] == '\n' ? 1 : 0;
                }
                org.assertj.core.api.Assertions.assertThat(InteractionsReader.countNewlines(b, len))
                        .as("len %d trial %d", len, trial).isEqualTo(expected);
            }
        }
    }
}
