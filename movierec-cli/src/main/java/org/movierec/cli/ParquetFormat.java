package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.movierec.data.io.ColumnarFormats;
import org.movierec.data.io.ColumnarSource;

/**
 * {@code .parquet} interactions files for {@link org.movierec.data.io.InteractionsReader}: opens them through
 * {@code ParquetInput}, which lives in the nested Parquet jar and is loaded ({@link ParquetOutput#loader()}) only
 * when such a file is read. The movierec command registers it at start; any other program with the movierec jar
 * on its class path finds it as a {@link ColumnarFormats.ColumnarFormat} service.
 */
public final class ParquetFormat implements ColumnarFormats.ColumnarFormat {
    /** The format; cheap, loads nothing of Parquet. */
    public ParquetFormat() {
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public ColumnarSource open(Path file) throws IOException {
        ColumnarFormats.ColumnarFormat f;
        try {
            f = (ColumnarFormats.ColumnarFormat) Class.forName("org.movierec.cli.ParquetInput", true,
                    ParquetOutput.loader()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Parquet reader is missing from " + ParquetOutput.NESTED + ": " + e,
                    e);
        }
        return f.open(file);
    }
}
