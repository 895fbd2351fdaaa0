package org.movierec.server;

/** A database error; the message names the operation, never the SQL or the credentials. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
