package org.movierec.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The compression of a Parquet file that movierec writes ({@code recommend --all --compression}): the
 * codecs {@code ParquetCodecs} writes without Hadoop. Kept out of the nested Parquet jar, so that the
 * option is checked before any Parquet class is loaded.
 */
enum OutputCompression {
    NONE("UNCOMPRESSED"),
    SNAPPY("SNAPPY"),
    ZSTD("ZSTD"),
    GZIP("GZIP"),
    LZ4("LZ4_RAW");

    /** What {@code recommend --all} writes when no {@code --compression} is given (as Spark does). */
    static final OutputCompression DEFAULT = SNAPPY;

    /** parquet-java's {@code CompressionCodecName} constant. */
    final String codec;

    OutputCompression(String codec) {
        this.codec = codec;
    }

    /** The values as the option takes them: {@code none, snappy, zstd, gzip, lz4}. */
    static String allowed() {
        return Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    /**
     * The codec an option value names (any case).
     *
     * @throws Main.UserException naming the option, the value and the allowed values
     */
    static OutputCompression parse(String option, String value) {
        for (OutputCompression c : values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw new Main.UserException(option + ": unknown compression '" + value + "'; allowed: " + allowed());
    }
}
