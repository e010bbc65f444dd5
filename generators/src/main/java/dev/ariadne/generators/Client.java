package dev.ariadne.generators;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user's client of the system under test, driven by the {@link Runner}: one instance per client
 * thread, called by one thread at a time.
 */
public interface Client {
    /** The operation certainly did not happen (recorded as {@code fail}). */
    final class DefiniteFailure extends Exception {
        public DefiniteFailure(String message) {
            super(message);
        }
    }

    /**
     * Performs a call and returns its result (for a read, the value read; for a write, usually the
     * written value). Throw {@link DefiniteFailure} when the call certainly did not take effect; any
     * other exception (a timeout, a lost connection) means the outcome is unknown and is recorded as
     * {@code info}.
     */
    JsonNode invoke(SimObject.Call call) throws Exception;
}
