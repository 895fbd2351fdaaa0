package org.movierec.data.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Reads ML-100k: {@code u.data} (user, item, rating, timestamp; tab separated), {@code u.item}
 * (pipe separated, ISO-8859-1: id, title, release date, video date, URL, 19 genre flags),
 * {@code u.user} (id, age, gender, occupation, zip) and {@code u.genre}.
 */
public final class MovieLens100kReader {
    private MovieLens100kReader() {
    }

    public static Dataset read(Path dir) throws IOException {
        Path itemFile = dir.resolve("u.item");
        Path userFile = dir.resolve("u.user");
        List<String> genres = new ArrayList<>();
        Path genreFile = dir.resolve("u.genre");
        if (Files.exists(genreFile)) {
            for (String line : Files.readAllLines(genreFile, StandardCharsets.ISO_8859_1)) {
                if (!line.isBlank()) {
                    genres.add(line.substring(0, line.indexOf('|')));
                }
            }
        }
        List<String[]> itemRows = rows(itemFile, "\\|");
        int nm = itemRows.size();
        int[] movieIds = new int[nm];
        String[] titles = new String[nm];
        int[] years = new int[nm];
        long[] bits = new long[nm];
        for (int i = 0; i < nm; i++) {
            String[] f = itemRows.get(i);
            movieIds[i] = Integer.parseInt(f[0]);
            titles[i] = f[1];
            years[i] = f[2].length() >= 4 ? Integer.parseInt(f[2].substring(f[2].length() - 4)) : 0;
            for (int g = 5; g < f.length; g++) {
                if (f[g].equals("1")) {
                    bits[i] |= 1L << (g - 5);
                }
            }
        }
        Movies movies = new Movies(IdIndex.of(movieIds), titles, years, bits, genres, null, null);

        List<String[]> userRows = rows(userFile, "\\|");
        int nu = userRows.size();
        int[] userIds = new int[nu];
        int[] ages = new int[nu];
        byte[] genders = new byte[nu];
        int[] occ = new int[nu];
        String[] zips = new String[nu];
        List<String> occVocab = new ArrayList<>();
        for (int u = 0; u < nu; u++) {
            String[] f = userRows.get(u);
            userIds[u] = Integer.parseInt(f[0]);
            ages[u] = Integer.parseInt(f[1]);
            genders[u] = f[2].equals("M") ? Users.GENDER_MALE : Users.GENDER_FEMALE;
            int o = occVocab.indexOf(f[3]);
            if (o < 0) {
                o = occVocab.size();
                occVocab.add(f[3]);
            }
            occ[u] = o;
            zips[u] = f[4];
        }
        IdIndex uidx = IdIndex.of(userIds);
        Users users = Users.withDemographics(uidx, ages, genders, occ, occVocab, zips);
        Interactions in = readRatings(dir.resolve("u.data"), uidx, movies.ids());
        return new Dataset("ml-100k", users, movies, in, RatingScale.WHOLE_STARS);
    }

    /** Reads a u.data-format file (also u1.base, u1.test, ...) over the given id space. */
    public static Interactions readRatings(Path file, IdIndex users, IdIndex movies) throws IOException {
        Interactions.Builder b = new Interactions.Builder(users.size(), movies.size(), 100_000);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new DataFormatException(file, no, "expected 4 tab-separated fields, found " + f.length);
                }
                int u = users.indexOf(Integer.parseInt(f[0]));
                int i = movies.indexOf(Integer.parseInt(f[1]));
                b.add(u, i, Float.parseFloat(f[2]), Long.parseLong(f[3]));
            }
        }
        return b.build(false);
    }

    private static List<String[]> rows(Path file, String sep) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (!line.isEmpty()) {
                out.add(line.split(sep, -1));
            }
        }
        return out;
    }
}
