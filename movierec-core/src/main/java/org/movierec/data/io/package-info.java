/**
 * Reading and writing datasets in the MovieLens file formats.
 *
 * <p>{@link org.movierec.data.io.DatasetReader#read(java.nio.file.Path)} detects the format of a
 * directory (ML-100k, ML-1M, ML-10M, the CSV releases) and reads it strictly: every problem is one
 * {@link org.movierec.data.DataFormatException} naming the file, the line and the reason.
 * {@link org.movierec.data.io.MovieLensWriter} writes a dataset back in a real MovieLens format (for
 * example a synthetic one, for tests). Formats and error rules: {@code docs/DATA_FORMATS.md}.
 */
package org.movierec.data.io;
