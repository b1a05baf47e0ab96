package io.learnpulse.serving;

/** The store's backend failed or cannot be reached; the operation may succeed when retried. */
public class ServingStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServingStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServingStoreException(String message) {
        super(message);
    }
}
