package org.movierec.data.fetch;

import java.io.IOException;

/**
 * A download that cannot succeed by simply trying again: the server said no (404, other HTTP errors), the
 * checksums disagree, or no checksum is available. The message names the URL or file and the reason, so the CLI
 * prints it as is. Transient failures (a cut connection, a timeout) are plain {@link IOException}s, which the
 * {@link Downloader} retries with a resumed request.
 */
public class FetchException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A permanent failure.
     *
     * @param message names the URL or file and the reason
     */
    public FetchException(String message) {
        super(message);
    }

    /**
     * A permanent failure caused by another exception.
     *
     * @param message names the URL or file and the reason
     * @param cause   the underlying exception
     */
    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
