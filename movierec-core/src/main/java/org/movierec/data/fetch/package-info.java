/**
 * Downloading the official GroupLens MovieLens archives
 * ({@link org.movierec.data.fetch.Downloader}, {@link org.movierec.data.fetch.MovieLensArchive}): HTTPS,
 * MD5 checked against the published {@code .md5} and a digest embedded in this build, resumable partial
 * downloads, atomic unpacking. Permanent failures are {@link org.movierec.data.fetch.FetchException}s;
 * transient ones plain {@link java.io.IOException}s, retried.
 */
package org.movierec.data.fetch;
