package org.movierec.data.fetch;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The official MovieLens archives published by GroupLens at
 * {@code https://files.grouplens.org/datasets/movielens/NAME.zip}, each with a {@code NAME.zip.md5} beside it.
 *
 * <p>Where an archive never changes (the numbered releases), its MD5 is embedded here as a second, independent
 * check: a mirror or a tampered {@code .md5} file cannot make us accept different bytes. The values were taken
 * from public dataset loaders, not computed here:
 * <ul>
 *   <li>ml-100k, ml-1m, ml-10m, ml-20m, ml-25m: repository {@code eli-osherovich/papers_with_code}, file
 *       {@code datasets/movielens/dl_config.py}; the ml-100k, ml-1m, ml-10m and ml-25m values agree with several
 *       other public loaders (for instance a {@code verify_1m}/{@code verify_20m} shell script quoting the
 *       GroupLens {@code .md5} files).</li>
 * </ul>
 * ml-32m has no embedded value (none found in public code); ml-latest and ml-latest-small are re-released in
 * place, so a fixed digest would go stale. For those the published {@code .md5} is the only check.
 */
public enum MovieLensArchive {
    /** MovieLens 100k: 100,000 ratings of 1,682 movies by 943 users. */
    ML_100K("ml-100k", "ml-100k", "0e33842e24a9c977be4e0107933c0723"),
    /** MovieLens 1M: about 1 million ratings by 6,040 users. */
    ML_1M("ml-1m", "ml-1m", "c4d9eecfca2ab87c1945afe126590906"),
    /** The archive is {@code ml-10m.zip} but unpacks to {@code ml-10M100K}. */
    ML_10M("ml-10m", "ml-10M100K", "ce571fd55effeba0271552578f2648bd"),
    /** MovieLens 20M, CSV files. */
    ML_20M("ml-20m", "ml-20m", "cd245b17a1ae2cc31bb14903e1204af3"),
    /** MovieLens 25M, CSV files. */
    ML_25M("ml-25m", "ml-25m", "6b51fb2759a8657d3bfcbfc42b592ada"),
    /** MovieLens 32M, CSV files; only the published {@code .md5} is checked. */

    ML_32M("ml-32m", "ml-32m", null),
    /** The small latest release (about 100,000 ratings), re-released in place; only the published {@code .md5} is checked. */
    ML_LATEST_SMALL("ml-latest-small", "ml-latest-small", null),
    /** The full latest release, re-released in place; only the published {@code .md5} is checked. */
    ML_LATEST("ml-latest", "ml-latest", null);

    private final String archiveName;
    private final String directoryName;
    private final String knownMd5;

    MovieLensArchive(String archiveName, String directoryName, String knownMd5) {
        this.archiveName = archiveName;
        this.directoryName = directoryName;
        this.knownMd5 = knownMd5;
    }

    /**
     * The name used on the command line and in the URL.
     *
     * @return for example {@code ml-100k}
     */
    public String archiveName() {
        return archiveName;
    }

    /**
     * The archive's file name.
     *
     * @return for example {@code ml-100k.zip}
     */
    public String fileName() {
        return archiveName + ".zip";
    }

    /**
     * The top-level directory the archive unpacks to, which is also where it is installed.
     *
     * @return for example {@code ml-100k} ({@code ml-10M100K} for ml-10m)
     */
    public String directoryName() {
        return directoryName;
    }

    /**
     * The MD5 embedded in this build.
     *
     * @return lower-case hex, or null when only the published {@code .md5} is checked
     */
    public String knownMd5() {
        return knownMd5;
    }

    /**
     * Finds an archive by name.
     *
     * @param name an archive name, case-insensitive; a directory name such as {@code ml-10M100K} also works
     * @return the archive
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static MovieLensArchive byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (MovieLensArchive a : values()) {
            if (a.archiveName.equals(n) || a.directoryName.toLowerCase(Locale.ROOT).equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + names());
    }

    /**
     * The known names, for messages and help text.
     *
     * @return the archive names, comma separated, in declaration order
     */
    public static String names() {
        StringJoiner j = new StringJoiner(", ");
        for (MovieLensArchive a : values()) {
            j.add(a.archiveName);
        }
        return j.toString();
    }
}
