package org.movierec.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.Users;

/**
 * Writes a dataset as ML-100k-format files ({@code u.data}, {@code u.item}, {@code u.user},
 * {@code u.genre}) so that CLI tests can run on small synthetic data. Test scope only; the
 * project's real writer is {@code data synth}.
 */
final class Ml100kFiles {
    private Ml100kFiles() {
    }

    static Path write(Dataset d, Path dir) throws IOException {
        Files.createDirectories(dir);
        Movies m = d.movies();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("u.genre"), StandardCharsets.ISO_8859_1)) {
            for (int g = 0; g < m.genreVocabulary().size(); g++) {
                w.write(m.genreVocabulary().get(g) + "|" + g + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < m.size(); i++) {
                StringBuilder b = new StringBuilder();
                b.append(m.ids().externalId(i)).append('|').append(m.title(i)).append('|')
                        .append(m.year(i) == 0 ? "" : "01-Jan-" + m.year(i)).append("||http://example.org/");
                for (int g = 0; g < m.genreVocabulary().size(); g++) {
                    b.append('|').append(m.hasGenre(i, g) ? '1' : '0');
                }
                w.write(b.append('\n').toString());
            }
        }
        Users u = d.users();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("u.user"), StandardCharsets.ISO_8859_1)) {
            for (int k = 0; k < u.size(); k++) {
                boolean demo = u.hasDemographics();
                w.write(u.ids().externalId(k) + "|" + (demo ? u.age(k) : 30) + "|"
                        + (demo && u.gender(k) == Users.GENDER_FEMALE ? "F" : "M") + "|"
                        + (demo ? u.occupationName(k) : "other") + "|" + (demo ? u.zip(k) : "00000") + "\n");
            }
        }
        Interactions in = d.interactions();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
            for (int p = 0; p < in.size(); p++) {
                w.write(u.ids().externalId(in.user(p)) + "\t" + m.ids().externalId(in.item(p)) + "\t"
                        + (int) in.rating(p) + "\t" + in.timestamp(p) + "\n");
            }
        }
        return dir;
    }
}
