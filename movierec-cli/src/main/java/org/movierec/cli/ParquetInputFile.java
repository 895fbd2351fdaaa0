package org.movierec.cli;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A local file for parquet-java's reader, read through a {@link FileChannel} straight into the reader's
 * buffers. parquet-java's own {@code LocalInputFile} reads each buffer (8 MB of a column chunk) into a new
 * array first and copies it over, through {@code RandomAccessFile}, which itself mallocs and frees a native
 * buffer of that size per read: at 25M rows that was 232 MB of short-lived humongous arrays (JFR allocation
 * samples; the time saved is within the noise of the measurements in BENCHMARKS.md). A channel reads into a
 * heap buffer through one temporary direct buffer per thread that the JDK keeps. In the nested Parquet jar,
 * like {@link ParquetInput}.
 */
final class ParquetInputFile implements InputFile {
    private final Path file;

    ParquetInputFile(Path file) {
        this.file = file;
    }

    @Override
    public long getLength() throws IOException {
        return Files.size(file);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new Stream(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** Positional reads from the channel; the stream's position is its own. */
    static final class Stream extends SeekableInputStream {
        private final FileChannel ch;
        private final ByteBuffer one = ByteBuffer.allocate(1);
        private long pos;

        Stream(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new IOException("negative position " + newPos);
            }
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            one.clear();
            return read(one) < 0 ? -1 : one.get(0) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = ch.read(buf, pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(ByteBuffer.wrap(b));
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            readFully(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("end of file at byte " + pos + " with " + buf.remaining()
                            + " bytes still to read");
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long k = Math.max(0, Math.min(n, ch.size() - pos));
            pos += k;
            return k;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ch.size() - pos));
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
