package org.movierec.cli;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression without Hadoop: parquet-java 1.15's own codecs all go through Hadoop's
 * {@code CompressionCodec}, so this factory does it with aircompressor (pure Java: Snappy, Zstandard,
 * LZ4 raw blocks) and {@code java.util.zip} (gzip). Those are the codecs Spark, pandas/pyarrow, DuckDB and
 * Polars write (Snappy is the default of all but Polars, which writes Zstandard); the Hadoop-framed
 * {@code LZ4}, {@code LZO} and {@code BROTLI} are refused with a message that names the codec.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
    /** The codecs this factory reads and writes. */
    public static final String SUPPORTED = "UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW";

    private final boolean reuse;

    /** Codecs whose decompressors return a new array per page. */
    public ParquetCodecs() {
        this(false);
    }

    /**
     * Codecs whose decompressors may, when {@code reuse}, decompress every page into one array of their own:
     * a page's bytes are then valid only until the same decompressor's next call. parquet-java makes one
     * decompressor per column chunk ({@code ParquetFileReader.Chunk.readAllPages}) and decompresses a page
     * when it is read, so a reader that consumes each page (and copies its dictionary) before reading the
     * next, as {@link ParquetInput} does, may reuse; it saves a page-sized allocation per page (a megabyte,
     * a humongous object for G1 at small heaps).
     *
     * @param reuse whether decompressors reuse their output array
     */
    public ParquetCodecs(boolean reuse) {
        this.reuse = reuse;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        Compressor c = switch (codec) {
            case UNCOMPRESSED, GZIP -> null;
            case SNAPPY -> new SnappyCompressor();
            case ZSTD -> new ZstdCompressor();
            case LZ4_RAW -> new Lz4Compressor();
            default -> throw unsupported(codec);
        };
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return BytesInput.from(in);
                }
                if (codec == CompressionCodecName.GZIP) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
                    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                        gz.write(in);
                    }
                    return BytesInput.from(out.toByteArray());
                }
                byte[] out = new byte[c.maxCompressedLength(in.length)];
                int len = c.compress(in, 0, in.length, out, 0, out.length);
                return BytesInput.from(out, 0, len);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        Decompressor d = switch (codec) {
            case UNCOMPRESSED, GZIP -> null;
            case SNAPPY -> new SnappyDecompressor();
            case ZSTD -> new ZstdDecompressor();
            case LZ4_RAW -> new Lz4Decompressor();
            default -> throw unsupported(codec);
        };
        return new BytesInputDecompressor() {
            private byte[] buffer = new byte[0];

            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                // the page's compressed bytes in place when they are on the heap (no copy per page)
                ByteBuffer b = bytes.toByteBuffer();
                byte[] out;
                if (b.hasArray()) {
                    out = decompressed(b.array(), b.arrayOffset() + b.position(), b.remaining(), uncompressedSize);
                } else {
                    byte[] in = bytes.toByteArray();
                    out = decompressed(in, 0, in.length, uncompressedSize);
                }
                return BytesInput.from(out, 0, uncompressedSize);
            }

            /** Decompresses into an array of at least {@code size} bytes (this decompressor's own when reused). */
            private byte[] decompressed(byte[] in, int off, int n, int size) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return off == 0 && n == in.length ? in : java.util.Arrays.copyOfRange(in, off, off + n);
                }
                byte[] out;
                if (reuse) {
                    if (buffer.length < size) {
                        buffer = new byte[size];
                    }
                    out = buffer;
                } else {
                    out = new byte[size];
                }
                int len;
                if (codec == CompressionCodecName.GZIP) {
                    try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in, off, n))) {
                        len = gz.readNBytes(out, 0, size);
                    }
                } else {
                    len = d.decompress(in, off, n, out, 0, size);
                }
                if (len != size) {
                    throw new IOException("a " + codec + " page decompressed to " + len + " bytes, not the "
                            + size + " its header gives: a corrupt file");
                }
                return out;
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompressed(in, 0, compressedSize, uncompressedSize), 0, uncompressedSize);
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static IllegalArgumentException unsupported(CompressionCodecName codec) {
        return new IllegalArgumentException("Parquet compression " + codec + " is not supported (movierec reads "
                + SUPPORTED + ")");
    }
}
